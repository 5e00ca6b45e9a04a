package io.itinera.dsl.ide.graph;

import io.itinera.dsl.ide.facts.JourneySummaries;
import io.itinera.dsl.journey.Entry;
import io.itinera.dsl.journey.EventTransition;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyElement;
import io.itinera.dsl.journey.ScoreTransition;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.TimerTransition;
import io.itinera.dsl.journey.Transition;

/** The journey's stage graph as a Mermaid flowchart, with stages coloured by lifecycle phase. */
public final class JourneyMermaid {

	private JourneyMermaid() {
	}

	public static String of(Journey journey) {
		StringBuilder mermaid = new StringBuilder("flowchart LR\n");
		Stage first = null;
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof Stage stage && stage.getName() != null) {
				if (first == null) {
					first = stage;
				}
				mermaid.append("  ").append(id(stage)).append("[\"").append(escape(stage.getName()));
				if (stage.getPhase() != null) {
					mermaid.append("<br/><small>").append(stage.getPhase()).append("</small>");
				}
				mermaid.append("\"]");
				if (stage.getPhase() != null && io.itinera.runtime.plan.Phase.DEFAULTS.contains(stage.getPhase())) {
					mermaid.append(":::").append(stage.getPhase()); // the default phases have a class below
				}
				mermaid.append('\n');
			}
		}
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof Entry entry && entryTrigger(entry) != null) {
				Stage start = entry.getStage() != null && !entry.getStage().eIsProxy() ? entry.getStage() : first;
				if (start != null) {
					mermaid.append("  entry((\"start\")) -->|\"on ").append(escape(entryTrigger(entry)))
							.append("\"| ").append(id(start)).append('\n');
				}
			}
		}
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof Stage stage && stage.getName() != null) {
				for (Transition transition : stage.getTransitions()) {
					Stage target = target(transition);
					if (target != null && !target.eIsProxy() && target.getName() != null) {
						mermaid.append("  ").append(id(stage)).append(" -->|\"").append(escape(label(transition)))
								.append("\"| ").append(id(target)).append('\n');
					}
				}
			}
		}
		mermaid.append("  classDef awareness fill:#dbeafe,stroke:#1d4ed8\n")
				.append("  classDef consideration fill:#fef3c7,stroke:#b45309\n")
				.append("  classDef purchase fill:#dcfce7,stroke:#15803d\n")
				.append("  classDef loyalty fill:#f3e8ff,stroke:#7e22ce\n");
		return mermaid.toString();
	}

	private static String entryTrigger(Entry entry) {
		if (entry.getSegment() != null && !entry.getSegment().eIsProxy()) {
			return "segment " + entry.getSegment().getName();
		}
		return entry.getEvent() != null && !entry.getEvent().eIsProxy() ? entry.getEvent().getName() : null;
	}

	private static String label(Transition transition) {
		if (transition instanceof EventTransition on) {
			String event = on.getEvent() == null || on.getEvent().eIsProxy() ? "?" : on.getEvent().getName();
			return "on " + event + (on.getCondition() == null ? "" : " if " + JourneySummaries.source(on.getCondition()));
		}
		if (transition instanceof TimerTransition timer) {
			return "after " + JourneySummaries.source(timer.getDelay());
		}
		if (transition instanceof io.itinera.dsl.journey.SegmentTransition segment) {
			return JourneySummaries.source(segment);
		}
		return "when " + JourneySummaries.source(((ScoreTransition) transition).getCondition());
	}

	private static Stage target(Transition transition) {
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

	private static String id(Stage stage) {
		return "s_" + stage.getName();
	}

	private static String escape(String text) {
		return text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
	}
}
