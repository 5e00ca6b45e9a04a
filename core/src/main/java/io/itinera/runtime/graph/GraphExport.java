package io.itinera.runtime.graph;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Stage;

/** Renders a journey graph as Mermaid ({@code flowchart}) or Graphviz DOT text. */
public final class GraphExport {
	private GraphExport() {
	}

	public static String mermaid(JourneyGraph journey) {
		JourneyPlan plan = journey.plan();
		StringBuilder out = new StringBuilder("flowchart LR\n");
		if (plan.entry() != null && plan.entryStage() != null) {
			out.append("  entry((\" \"))\n");
		}
		for (Stage stage : plan.stages()) {
			String label = mermaidText(stageLabel(stage));
			out.append("  ").append(mermaidId(stage.name()))
					.append(stage.terminal() ? "([\"" + label + "\"])" : "[\"" + label + "\"]").append('\n');
		}
		if (plan.entry() != null && plan.entryStage() != null) {
			out.append("  entry -->|\"").append(mermaidText(plan.entry().trigger())).append("\"| ")
					.append(mermaidId(plan.entryStage())).append('\n');
		}
		for (Stage stage : plan.stages()) {
			for (TransitionEdge edge : journey.graph().outgoingEdgesOf(stage.name())) {
				out.append("  ").append(mermaidId(edge.from())).append(edge.isTimer() ? " -.->" : " -->").append("|\"")
						.append(mermaidText(edge.label())).append("\"| ").append(mermaidId(edge.to())).append('\n');
			}
		}
		return out.toString();
	}

	public static String dot(JourneyGraph journey) {
		JourneyPlan plan = journey.plan();
		StringBuilder out = new StringBuilder("digraph ").append(dotText(plan.name())).append(" {\n");
		out.append("  rankdir=LR;\n  node [shape=box, style=rounded];\n");
		if (plan.entry() != null && plan.entryStage() != null) {
			out.append("  \"__entry\" [shape=point, width=0.2];\n");
		}
		for (Stage stage : plan.stages()) {
			out.append("  ").append(dotText(stage.name())).append(" [label=").append(dotText(stageLabel(stage)))
					.append(stage.terminal() ? ", peripheries=2" : "").append("];\n");
		}
		if (plan.entry() != null && plan.entryStage() != null) {
			out.append("  \"__entry\" -> ").append(dotText(plan.entryStage())).append(" [label=")
					.append(dotText(plan.entry().trigger())).append("];\n");
		}
		for (Stage stage : plan.stages()) {
			for (TransitionEdge edge : journey.graph().outgoingEdgesOf(stage.name())) {
				out.append("  ").append(dotText(edge.from())).append(" -> ").append(dotText(edge.to())).append(" [label=")
						.append(dotText(edge.label())).append(edge.isTimer() ? ", style=dashed" : "").append("];\n");
			}
		}
		return out.append("}\n").toString();
	}

	private static String stageLabel(Stage stage) {
		return stage.phase() == null ? stage.name() : stage.name() + " (" + stage.phase() + ")";
	}

	/** Mermaid words like "end" break a flowchart when used as ids, so ids get a prefix. */
	private static String mermaidId(String stage) {
		return "s_" + stage;
	}

	private static String mermaidText(String text) {
		return text.replace("\"", "#quot;");
	}

	private static String dotText(String text) {
		return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}
}
