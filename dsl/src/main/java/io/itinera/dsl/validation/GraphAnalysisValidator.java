package io.itinera.dsl.validation;

import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.TimerTransition;
import io.itinera.runtime.graph.GraphFinding;
import io.itinera.runtime.graph.JourneyGraph;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

/**
 * Runs the runtime's graph analyses ({@link JourneyGraph}) on the journey being edited and shows
 * each finding as a warning on the stage or transition it concerns. Composed into
 * {@link JourneyValidator}; unreachable stages are left to that validator. A finding about a stage
 * whose timer lost its unit to a syntax error ({@code after 1 hourz}) is left out: the parser's
 * recovered model reads the timer as seconds, and the syntax error is the diagnostic that helps.
 */
public class GraphAnalysisValidator extends ComposedJourneyCheck {
	private final JourneyCompiler compiler = new JourneyCompiler();

	@Check(CheckType.FAST)
	public void checkJourneyGraph(Journey journey) {
		JourneyCompiler.Compilation compilation = compiler.compileWithSources(journey);
		Set<String> guessed = stagesWithGuessedTimers(journey);
		for (GraphFinding finding : new JourneyGraph(compilation.plan()).analyse()) {
			String code = codeOf(finding.kind());
			EObject source = compilation.sourceOf(finding.element());
			if (code == null || source == null || finding.stages().stream().anyMatch(guessed::contains)) {
				continue;
			}
			if (source instanceof Stage) {
				warning(finding.message(), source, JourneyPackage.Literals.STAGE__NAME, code);
			} else {
				warning(finding.message(), source, null, code);
			}
		}
	}

	/** Stages with a timer the parser recovered from a syntax error in it (its unit may be a guess). */
	private static Set<String> stagesWithGuessedTimers(Journey journey) {
		Set<String> stages = new HashSet<>();
		if (journey.eResource() != null && journey.eResource().getErrors().isEmpty()) {
			return stages;
		}
		for (TimerTransition timer : EcoreUtil2.getAllContentsOfType(journey, TimerTransition.class)) {
			Stage stage = EcoreUtil2.getContainerOfType(timer, Stage.class);
			if (stage != null && (timer.getDelay() == null || hasSyntaxError(timer))) {
				stages.add(stage.getName());
			}
		}
		return stages;
	}

	private static boolean hasSyntaxError(EObject element) {
		INode node = NodeModelUtils.getNode(element);
		if (node == null) {
			return true;
		}
		INode root = node.getRootNode();
		for (INode error : root.getAsTreeIterable()) {
			if (error.getSyntaxErrorMessage() != null && error.getOffset() >= node.getOffset()
					&& error.getOffset() <= node.getEndOffset()) {
				return true;
			}
		}
		return false;
	}

	private static String codeOf(GraphFinding.Kind kind) {
		return switch (kind) {
			case NO_WAY_OUT -> JourneyIssueCodes.GRAPH_NO_WAY_OUT;
			case TIMER_CYCLE -> JourneyIssueCodes.GRAPH_TIMER_CYCLE;
			case OVERLAPPING_TRANSITIONS -> JourneyIssueCodes.GRAPH_OVERLAPPING_TRANSITIONS;
			case UNREACHABLE_STAGE -> null; // JourneyValidator reports it (UNREACHABLE_STAGE)
		};
	}
}
