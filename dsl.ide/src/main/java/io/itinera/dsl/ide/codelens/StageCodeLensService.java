package io.itinera.dsl.ide.codelens;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Entry;
import io.itinera.dsl.journey.EventTransition;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyElement;
import io.itinera.dsl.journey.ScoreTransition;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.TimerTransition;
import io.itinera.dsl.journey.Transition;

/** Above each stage: how many transitions lead in, how many lead out, how many campaign rules apply. */
public class StageCodeLensService implements ICodeLensService {

	@Override
	public List<? extends CodeLens> computeCodeLenses(Document document, XtextResource resource, CodeLensParams params,
			CancelIndicator indicator) {
		List<CodeLens> lenses = new ArrayList<>();
		EObject root = resource.getParseResult() == null ? null : resource.getParseResult().getRootASTElement();
		if (!(root instanceof Journey journey)) {
			return lenses;
		}
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof Stage stage) {
				INode node = NodeModelUtils.findActualNodeFor(stage);
				Range range = new Range(document.getPosition(node.getOffset()),
						document.getPosition(node.getOffset() + "stage".length()));
				lenses.add(new CodeLens(range, new Command(summary(journey, stage), ""), null));
			}
		}
		return lenses;
	}

	public static String summary(Journey journey, Stage stage) {
		return count(waysIn(journey, stage), "way in", "ways in") + " · "
				+ count(stage.getTransitions().size(), "way out", "ways out") + " · "
				+ count(rules(journey, stage), "rule", "rules");
	}

	private static int waysIn(Journey journey, Stage stage) {
		int count = 0;
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof Entry entry && (entry.getStage() == stage || entry.getStage() == null
					&& firstStage(journey) == stage)) {
				count++;
			}
			if (element instanceof Stage source) {
				for (Transition transition : source.getTransitions()) {
					if (target(transition) == stage) {
						count++;
					}
				}
			}
		}
		return count;
	}

	private static Stage firstStage(Journey journey) {
		return journey.getElements().stream().filter(Stage.class::isInstance).map(Stage.class::cast).findFirst()
				.orElse(null);
	}

	private static int rules(Journey journey, Stage stage) {
		int count = 0;
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof Campaign campaign && campaign.getStages().contains(stage)) {
				count += campaign.getRules().size();
			}
		}
		return count;
	}

	static Stage target(Transition transition) {
		if (transition instanceof EventTransition on) {
			return on.getTarget();
		}
		if (transition instanceof TimerTransition timer) {
			return timer.getTarget();
		}
		if (transition instanceof io.itinera.dsl.journey.SegmentTransition segment) {
			return segment.getTarget();
		}
		return ((ScoreTransition) transition).getTarget();
	}

	private static String count(int n, String one, String many) {
		return n + " " + (n == 1 ? one : many);
	}
}
