package io.itinera.report;

import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import io.itinera.runtime.simulate.SimulationReport;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journey graph with its replay figures, as SVG, drawn where {@link JourneyGraphLayout} puts
 * things: each box showing customers entered / in / left; each edge as thick as the customers who
 * took it, labelled (on a white ground, in the gap between layers) with its trigger, count and share
 * of the source stage's customers, its full condition on hover.
 */
final class JourneyGraphSvg {
	private static final Map<String, String> PHASE_COLOURS = Map.of("awareness", "#dbe8f7", "consideration",
			"#fdebd3", "purchase", "#dcefdc", "loyalty", "#eadff5");

	private JourneyGraphSvg() {
	}

	static String render(List<StageFigures> stages, List<TransitionFigures> transitions) {
		JourneyGraphLayout layout = JourneyGraphLayout.of(stages, transitions);
		long maxCustomers = 1;
		for (TransitionFigures t : transitions) {
			maxCustomers = Math.max(maxCustomers, t.customers());
		}
		StringBuilder svg = new StringBuilder(8192);
		svg.append(String.format(Locale.ROOT,
				"<svg class=\"chart graph\" id=\"journey-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"journey graph\">",
				layout.width, layout.height, layout.width, layout.height));
		svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"11\" "
				+ "markerHeight=\"11\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
		for (JourneyGraphLayout.Edge edge : layout.edges) {
			edge(svg, edge, maxCustomers);
		}
		for (JourneyGraphLayout.Edge edge : layout.edges) {
			label(svg, edge);
		}
		Map<String, StageFigures> byName = new HashMap<>();
		stages.forEach(stage -> byName.put(stage.name(), stage));
		for (JourneyGraphLayout.Box box : layout.boxes) {
			if (box.name().equals(JourneyGraphLayout.START) || box.name().equals(JourneyGraphLayout.EXIT)) {
				terminalNode(svg, box, box.name().equals(JourneyGraphLayout.START) ? "start" : "exit");
			} else {
				stageNode(svg, byName.get(box.name()), box);
			}
		}
		return svg.append("</svg>").toString();
	}

	private static void edge(StringBuilder svg, JourneyGraphLayout.Edge edge, long maxCustomers) {
		TransitionFigures t = edge.transition();
		double widthPx = 1.2 + 7.0 * Math.max(0, t.customers()) / maxCustomers;
		String colour = t.customers() != 0 ? "#555" : "#bbb";
		svg.append(String.format(Locale.ROOT,
				"<path class=\"mark edge\" d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
						+ "stroke-opacity=\"0.75\" marker-end=\"url(#arrow)\"%s><title>%s</title></path>",
				path(edge.points()), colour, widthPx, t.declared() ? "" : " stroke-dasharray=\"5 4\"", Html.escape(hoverText(t))));
	}

	/**
	 * A smooth path through the points: vertical where it leaves and enters a box and where it passes
	 * a layer (so it keeps clear of the boxes beside it), Catmull-Rom tangents at the label.
	 */
	static String path(List<double[]> points) {
		int n = points.size();
		double[][] tangent = new double[n][];
		for (int i = 0; i < n; i++) {
			double[] before = points.get(Math.max(0, i - 1));
			double[] after = points.get(Math.min(n - 1, i + 1));
			boolean vertical = i == 0 || i == n - 1 || i >= 2;
			tangent[i] = vertical ? new double[] { 0, (after[1] - before[1]) / (i == 0 || i == n - 1 ? 1 : 2) }
					: new double[] { (after[0] - before[0]) / 2, (after[1] - before[1]) / 2 };
		}
		StringBuilder d = new StringBuilder(String.format(Locale.ROOT, "M%.1f,%.1f", points.get(0)[0], points.get(0)[1]));
		for (int i = 0; i + 1 < n; i++) {
			double[] a = points.get(i);
			double[] b = points.get(i + 1);
			d.append(String.format(Locale.ROOT, " C%.1f,%.1f %.1f,%.1f %.1f,%.1f", a[0] + tangent[i][0] / 3,
					a[1] + tangent[i][1] / 3, b[0] - tangent[i + 1][0] / 3, b[1] - tangent[i + 1][1] / 3, b[0], b[1]));
		}
		return d.toString();
	}

	private static void label(StringBuilder svg, JourneyGraphLayout.Edge edge) {
		JourneyGraphLayout.Label label = edge.label();
		svg.append(String.format(Locale.ROOT,
				"<g class=\"edge-label\"><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"#fff\" fill-opacity=\"0.9\"/>"
						+ "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%s</text></g>",
				Html.escape(hoverText(edge.transition())), label.x(), label.y(), label.width(), JourneyGraphLayout.LABEL_HEIGHT,
				label.x() + label.width() / 2, label.y() + 12, Html.escape(label.text())));
	}

	/** "Carted → Bought: on buy if buy.amount > 0 · 12 customers (40.0% of those who entered Carted), 13 times". */
	static String hoverText(TransitionFigures t) {
		String from = t.from() == null ? "start" : t.from();
		if (t.customers() < 0) {
			return from + " → " + (t.to() == null ? "exit" : t.to()) + ": " + t.condition();
		}
		String source = t.from() == null ? "the journey" : t.from();
		return from + " → " + (t.to() == null ? "exit" : t.to()) + ": " + t.condition() + " · "
				+ Html.number(t.customers()) + " customers (" + Html.percent(t.share()) + " of those who entered " + source
				+ "), " + Html.number(t.times()) + " times";
	}

	private static void stageNode(StringBuilder svg, StageFigures stage, JourneyGraphLayout.Box box) {
		double x = box.x();
		double y = box.y();
		double centre = box.centreX();
		String fill = PHASE_COLOURS.getOrDefault(stage.phase() == null ? "" : stage.phase(), "#f0f0f0");
		svg.append(String.format(Locale.ROOT,
				"<g class=\"stage\" data-stage=\"%s\"><rect class=\"mark node\" x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\" "
						+ "fill=\"%s\" stroke=\"#445\" stroke-width=\"%s\"/>",
				Html.escape(stage.name()), x, y, box.width(), box.height(), fill, stage.terminal() ? "2.5" : "1.2"));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\">%s</text>",
				centre, y + 19, Html.escape(stage.name())));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">%s</text>", centre,
				y + 33, Html.escape(stage.phase() == null ? "" : stage.phase())));
		String figures = stage.entered() < 0 ? "in " + Html.number(stage.current()) + " now"
				: "entered " + Html.number(stage.entered()) + " · in " + Html.number(stage.current()) + " · left "
						+ Html.number(stage.exited());
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%s</text></g>", centre, y + 49, figures));
	}

	private static void terminalNode(StringBuilder svg, JourneyGraphLayout.Box box, String label) {
		double cx = box.centreX();
		double cy = box.y() + box.height() / 2;
		svg.append(String.format(Locale.ROOT,
				"<g class=\"terminal\"><ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.0f\" ry=\"%.0f\" fill=\"#333\"/>"
						+ "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" style=\"fill:#fff\" font-size=\"12\">%s</text></g>",
				cx, cy, box.width() / 2, box.height() / 2, cx, cy + 4, label));
	}
}
