package io.itinera.runtime.simulate;

import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journey graph with its replay figures, as SVG: stages in layers by their distance from the
 * entry (top to bottom), each box showing customers entered / in / left; each edge as thick as the
 * customers who took it, labelled with its trigger, count and share of the source stage's customers,
 * its full condition on hover.
 */
final class JourneyGraphSvg {
	static final String START = "\u0000start";
	static final String EXIT = "\u0000exit";
	private static final int NODE_WIDTH = 190;
	private static final int NODE_HEIGHT = 58;
	private static final int LAYER_GAP = 120;
	private static final int COLUMN_GAP = 70;
	private static final int MARGIN = 40;
	/** A label box's height and the step by which overlapping labels move apart. */
	private static final int LABEL_HEIGHT = 17;
	private static final Map<String, String> PHASE_COLOURS = Map.of("awareness", "#dbe8f7", "consideration",
			"#fdebd3", "purchase", "#dcefdc", "loyalty", "#eadff5");

	private JourneyGraphSvg() {
	}

	static String render(List<StageFigures> stages, List<TransitionFigures> transitions) {
		Map<String, Integer> layer = layers(stages, transitions);
		Map<Integer, List<String>> rows = new LinkedHashMap<>();
		int maxLayer = 0;
		for (Map.Entry<String, Integer> entry : layer.entrySet()) {
			rows.computeIfAbsent(entry.getValue(), k -> new ArrayList<>()).add(entry.getKey());
			maxLayer = Math.max(maxLayer, entry.getValue());
		}
		int widest = 1;
		for (List<String> row : rows.values()) {
			widest = Math.max(widest, row.size());
		}
		int width = Math.max(760, 2 * MARGIN + widest * NODE_WIDTH + (widest - 1) * COLUMN_GAP);
		int height = 2 * MARGIN + (maxLayer + 1) * NODE_HEIGHT + maxLayer * LAYER_GAP;
		Map<String, double[]> centre = new HashMap<>();
		for (Map.Entry<Integer, List<String>> row : rows.entrySet()) {
			List<String> names = row.getValue();
			double rowWidth = names.size() * NODE_WIDTH + (names.size() - 1) * COLUMN_GAP;
			double x = (width - rowWidth) / 2 + NODE_WIDTH / 2.0;
			double y = MARGIN + row.getKey() * (NODE_HEIGHT + LAYER_GAP) + NODE_HEIGHT / 2.0;
			for (String name : names) {
				centre.put(name, new double[] { x, y });
				x += NODE_WIDTH + COLUMN_GAP;
			}
		}
		long maxCustomers = 1;
		for (TransitionFigures t : transitions) {
			maxCustomers = Math.max(maxCustomers, t.customers());
		}
		StringBuilder svg = new StringBuilder(8192);
		svg.append(String.format(Locale.ROOT,
				"<svg class=\"chart graph\" id=\"journey-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"journey graph\">",
				width, height, width, height));
		svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"11\" "
				+ "markerHeight=\"11\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
		StringBuilder labels = new StringBuilder();
		Map<String, Integer> outgoing = new HashMap<>();
		for (TransitionFigures t : transitions) {
			outgoing.merge(t.from() == null ? START : t.from(), 1, Integer::sum);
		}
		Map<String, Integer> drawn = new HashMap<>();
		List<double[]> placedLabels = new ArrayList<>();
		for (TransitionFigures t : transitions) {
			String from = t.from() == null ? START : t.from();
			String to = t.to() == null ? EXIT : t.to();
			double[] a = centre.get(from);
			double[] b = centre.get(to);
			if (a == null || b == null) {
				continue;
			}
			int index = drawn.merge(from, 1, Integer::sum) - 1;
			int count = outgoing.get(from);
			double labelAt = count <= 1 ? 0.5 : 0.3 + 0.4 * index / (count - 1);
			edge(svg, labels, placedLabels, t, a, b, layer.get(from), layer.get(to), maxCustomers, labelAt);
		}
		svg.append(labels);
		for (Map.Entry<String, double[]> node : centre.entrySet()) {
			String name = node.getKey();
			double[] c = node.getValue();
			if (name.equals(START) || name.equals(EXIT)) {
				terminalNode(svg, c, name.equals(START) ? "start" : "exit");
			}
		}
		for (StageFigures stage : stages) {
			double[] c = centre.get(stage.name());
			if (c != null) {
				stageNode(svg, stage, c);
			}
		}
		return svg.append("</svg>").toString();
	}

	/** Breadth-first distance from the start; stages nobody can reach go below the rest. */
	private static Map<String, Integer> layers(List<StageFigures> stages, List<TransitionFigures> transitions) {
		Map<String, List<String>> next = new HashMap<>();
		boolean exits = false;
		for (TransitionFigures t : transitions) {
			if (t.to() == null) {
				exits = true;
				continue;
			}
			next.computeIfAbsent(t.from() == null ? START : t.from(), k -> new ArrayList<>()).add(t.to());
		}
		Map<String, Integer> layer = new LinkedHashMap<>();
		layer.put(START, 0);
		Deque<String> queue = new ArrayDeque<>();
		queue.add(START);
		while (!queue.isEmpty()) {
			String node = queue.poll();
			for (String target : next.getOrDefault(node, List.of())) {
				if (!layer.containsKey(target)) {
					layer.put(target, layer.get(node) + 1);
					queue.add(target);
				}
			}
		}
		int deepest = 0;
		for (int value : layer.values()) {
			deepest = Math.max(deepest, value);
		}
		Map<String, Integer> ordered = new LinkedHashMap<>();
		ordered.put(START, 0);
		for (StageFigures stage : stages) {
			ordered.put(stage.name(), layer.getOrDefault(stage.name(), deepest + 1));
		}
		if (exits) {
			int bottom = 0;
			for (int value : ordered.values()) {
				bottom = Math.max(bottom, value);
			}
			ordered.put(EXIT, bottom + 1);
		}
		return ordered;
	}

	private static void edge(StringBuilder svg, StringBuilder labels, List<double[]> placedLabels, TransitionFigures t,
			double[] a, double[] b, int fromLayer, int toLayer, long maxCustomers, double labelAt) {
		double x1 = a[0];
		double y1 = a[1];
		double x2 = b[0];
		double y2 = b[1];
		double cx;
		double cy;
		if (toLayer > fromLayer) {
			y1 += NODE_HEIGHT / 2.0;
			y2 -= NODE_HEIGHT / 2.0;
			cx = (x1 + x2) / 2 + (toLayer - fromLayer > 1 ? (x1 <= x2 ? -60 : 60) : 0);
			cy = (y1 + y2) / 2;
		} else if (toLayer < fromLayer) {
			y1 -= NODE_HEIGHT / 2.0;
			y2 += NODE_HEIGHT / 2.0;
			x1 += NODE_WIDTH / 4.0;
			x2 += NODE_WIDTH / 4.0;
			cx = (x1 + x2) / 2 + 90;
			cy = (y1 + y2) / 2;
		} else {
			y1 -= NODE_HEIGHT / 2.0;
			y2 -= NODE_HEIGHT / 2.0;
			cx = (x1 + x2) / 2;
			cy = y1 - 50;
		}
		double widthPx = 1.2 + 7.0 * t.customers() / maxCustomers;
		String colour = t.customers() > 0 ? "#555" : "#bbb";
		String hover = Html.escape(hoverText(t));
		svg.append(String.format(Locale.ROOT,
				"<path class=\"mark edge\" d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
						+ "stroke-opacity=\"0.75\" marker-end=\"url(#arrow)\"%s><title>%s</title></path>",
				x1, y1, cx, cy, x2, y2, colour, widthPx, t.declared() ? "" : " stroke-dasharray=\"5 4\"", hover));
		double u = 1 - labelAt;
		double lx = u * u * x1 + 2 * u * labelAt * cx + labelAt * labelAt * x2;
		double ly = u * u * y1 + 2 * u * labelAt * cy + labelAt * labelAt * y2;
		String label = shorten(t.label(), 26) + " · " + Html.number(t.customers()) + " (" + Html.percent(t.share()) + ")";
		double boxWidth = 6.2 * label.length() + 8;
		ly = freeSpot(placedLabels, lx - boxWidth / 2, ly - 11, boxWidth) + 11;
		labels.append(String.format(Locale.ROOT,
				"<g class=\"edge-label\"><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" rx=\"3\" fill=\"#fff\" fill-opacity=\"0.9\"/>"
						+ "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%s</text></g>",
				hover, lx - boxWidth / 2, ly - 11, boxWidth, lx, ly + 1, Html.escape(label)));
	}

	/**
	 * The top of a label box at or near {@code top} that overlaps no label placed before (trying a
	 * row below, then above, and so on); the box is then counted as placed.
	 */
	private static double freeSpot(List<double[]> placed, double left, double top, double width) {
		double chosen = top;
		for (int attempt = 0; attempt < 9; attempt++) {
			double candidate = top + (attempt + 1) / 2 * LABEL_HEIGHT * (attempt % 2 == 1 ? 1 : -1);
			boolean free = true;
			for (double[] box : placed) {
				if (left < box[0] + box[2] && box[0] < left + width && candidate < box[1] + LABEL_HEIGHT
						&& box[1] < candidate + LABEL_HEIGHT) {
					free = false;
					break;
				}
			}
			if (free) {
				chosen = candidate;
				break;
			}
		}
		placed.add(new double[] { left, chosen, width });
		return chosen;
	}

	/** "Carted → Bought: on buy if buy.amount > 0 · 12 customers (40.0% of those who entered Carted), 13 times". */
	static String hoverText(TransitionFigures t) {
		String from = t.from() == null ? "start" : t.from();
		String source = t.from() == null ? "the journey" : t.from();
		return from + " → " + (t.to() == null ? "exit" : t.to()) + ": " + t.condition() + " · "
				+ Html.number(t.customers()) + " customers (" + Html.percent(t.share()) + " of those who entered " + source
				+ "), " + Html.number(t.times()) + " times";
	}

	private static void stageNode(StringBuilder svg, StageFigures stage, double[] c) {
		double x = c[0] - NODE_WIDTH / 2.0;
		double y = c[1] - NODE_HEIGHT / 2.0;
		String fill = PHASE_COLOURS.getOrDefault(stage.phase() == null ? "" : stage.phase(), "#f0f0f0");
		svg.append(String.format(Locale.ROOT,
				"<g class=\"stage\" data-stage=\"%s\"><rect class=\"mark node\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"8\" "
						+ "fill=\"%s\" stroke=\"#445\" stroke-width=\"%s\"/>",
				Html.escape(stage.name()), x, y, NODE_WIDTH, NODE_HEIGHT, fill, stage.terminal() ? "2.5" : "1.2"));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\">%s</text>",
				c[0], y + 19, Html.escape(stage.name())));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">%s</text>", c[0],
				y + 33, Html.escape(stage.phase() == null ? "" : stage.phase())));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">entered %s · in %s · left %s</text></g>",
				c[0], y + 49, Html.number(stage.entered()), Html.number(stage.current()), Html.number(stage.exited())));
	}

	private static void terminalNode(StringBuilder svg, double[] c, String label) {
		svg.append(String.format(Locale.ROOT,
				"<g class=\"terminal\"><ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"44\" ry=\"18\" fill=\"#333\"/>"
						+ "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" style=\"fill:#fff\" font-size=\"12\">%s</text></g>",
				c[0], c[1], c[0], c[1] + 4, label));
	}

	private static String shorten(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}
}
