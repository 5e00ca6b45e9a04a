package io.itinera.dsl.validation;

import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.Stage;
import io.itinera.runtime.graph.GraphFinding;
import io.itinera.runtime.graph.JourneyGraph;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

/**
 * Runs the runtime's graph analyses ({@link JourneyGraph}) on the journey being edited and shows
 * each finding as a warning on the stage or transition it concerns. Composed into
 * {@link JourneyValidator}; unreachable stages are left to that validator.
 */
public class GraphAnalysisValidator extends ComposedJourneyCheck {
	private final JourneyCompiler compiler = new JourneyCompiler();



	@Check(CheckType.FAST)
	public void checkJourneyGraph(Journey journey) {
		JourneyCompiler.Compilation compilation = compiler.compileWithSources(journey);
		for (GraphFinding finding : new JourneyGraph(compilation.plan()).analyse()) {
			String code = codeOf(finding.kind());
			EObject source = compilation.sourceOf(finding.element());
			if (code == null || source == null) {
				continue;
			}
			if (source instanceof Stage) {
				warning(finding.message(), source, JourneyPackage.Literals.STAGE__NAME, code);
			} else {
				warning(finding.message(), source, null, code);
			}
		}
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
