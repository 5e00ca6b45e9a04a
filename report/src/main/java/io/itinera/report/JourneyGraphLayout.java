package io.itinera.report;

import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import io.itinera.runtime.simulate.SimulationReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the journey graph's parts go: stages in layers by their distance from the entry (top to
 * bottom, the exit below all), edges that skip layers routed through a free slot of every layer
 * they cross (so they pass beside boxes, not through them), the order within a layer chosen to
 * shorten edges, and every edge label in the gap next to its source's layer. A gap grows to hold
 * its labels in rows, side by side where they fit; layers hold only boxes, so a label can never
 * cover a box, and labels never cover each other. Each edge's path runs through its label.
 */
final class JourneyGraphLayout {
	static final String START = "\u0000start";
	static final String EXIT = "\u0000exit";
	static final int NODE_WIDTH = 190;
	static final int NODE_HEIGHT = 58;
	static final int LABEL_HEIGHT = 16;
	static final double TERMINAL_RX = 44;
	static final double TERMINAL_RY = 18;
	private static final int MIN_GAP = 70;
	/** Room between a gap's labels and the layers around it, for the edges to be seen leaving and arriving. */
	private static final int EDGE_ROOM = 24;
	private static final int LABEL_ROW = LABEL_HEIGHT + 5;
	private static final int LABEL_SPACING = 8;
	private static final int COLUMN_GAP = 70;
	private static final int SLOT_WIDTH = 14;
	private static final int SLOT_GAP = 26;
	private static final int MARGIN = 40;
	private static final int MIN_WIDTH = 760;
	private static final int ORDERING_SWEEPS = 4;

	/** A stage box or a start/exit ellipse, by its bounding rectangle. */
	record Box(String name, double x, double y, double width, double height) {
		double centreX() {
			return x + width / 2;
		}
	}

	/** An edge's label: its rectangle (text centred in it) and its text. */
	record Label(double x, double y, double width, String text) {
		double height() {
			return LABEL_HEIGHT;
		}
	}

	/**
	 * An edge: its transition, the points its path runs through (first and last on the boxes' sides,
	 * the second its label's centre, then the slots it passes in the layers it crosses) and its label.
	 */
	record Edge(TransitionFigures transition, List<double[]> points, Label label) {
	}

	final int width;
	final int height;
	final List<Box> boxes;
	final List<Edge> edges;

	private JourneyGraphLayout(int width, int height, List<Box> boxes, List<Edge> edges) {
		this.width = width;
		this.height = height;
		this.boxes = boxes;
		this.edges = edges;
	}

	/** One place in a layer: a stage, start or exit, or the slot an edge passes through. */
	private static final class Item {
		final String node;
		final Route route;
		int layer;
		double x;
		double order;

		Item(String node, Route route, int layer) {
			this.node = node;
			this.route = route;
			this.layer = layer;
		}

		double width() {
			return node == null ? SLOT_WIDTH : NODE_WIDTH;
		}
	}

	/** An edge on its way: its ends, the slots it passes, its label's gap and place. */
	private static final class Route {
		final TransitionFigures transition;
		final Item from;
		final Item to;
		final List<Item> slots = new ArrayList<>();
		/** The gap between layers {@code gap} and {@code gap + 1} that holds the label. */
		int gap;
		double[] start;
		double[] end;
		String text;
		double labelWidth;
		double labelX;
		int labelRow;

		Route(TransitionFigures transition, Item from, Item to) {
			this.transition = transition;
			this.from = from;
			this.to = to;
		}

		boolean down() {
			return to.layer > from.layer;
		}

		boolean up() {
			return to.layer < from.layer;
		}
	}

	static JourneyGraphLayout of(List<StageFigures> stages, List<TransitionFigures> transitions) {
		Map<String, Integer> layerOf = layers(stages, transitions);
		int layerCount = 0;
		for (int layer : layerOf.values()) {
			layerCount = Math.max(layerCount, layer + 1);
		}
		List<List<Item>> layers = new ArrayList<>();
		for (int l = 0; l < layerCount; l++) {
			layers.add(new ArrayList<>());
		}
		Map<String, Item> items = new HashMap<>();
		for (Map.Entry<String, Integer> node : layerOf.entrySet()) {
			Item item = new Item(node.getKey(), null, node.getValue());
			items.put(node.getKey(), item);
			layers.get(item.layer).add(item);
		}
		List<Route> routes = new ArrayList<>();
		for (TransitionFigures t : transitions) {
			Item from = items.get(t.from() == null ? START : t.from());
			Item to = items.get(t.to() == null ? EXIT : t.to());
			if (from == null || to == null) {
				continue;
			}
			Route route = new Route(t, from, to);
			int step = route.up() ? -1 : 1;
			for (int l = from.layer + step; route.down() && l < to.layer || route.up() && l > to.layer; l += step) {
				Item slot = new Item(null, route, l);
				route.slots.add(slot);
				layers.get(l).add(slot);
			}
			route.gap = route.down() ? from.layer : from.layer - 1;
			route.text = t.customers() < 0 ? shorten(t.label(), 26) // a live graph: the transitions, not who took them
					: shorten(t.label(), 26) + " · " + Html.number(t.customers()) + " (" + Html.percent(t.share()) + ")";
			route.labelWidth = textWidth(route.text) + 10;
			routes.add(route);
		}
		order(layers, routes);
		int width = MIN_WIDTH;
		for (List<Item> layer : layers) {
			width = Math.max(width, 2 * MARGIN + (int) Math.ceil(layerWidth(layer)));
		}
		for (Route route : routes) {
			width = Math.max(width, 2 * MARGIN + (int) Math.ceil(route.labelWidth));
		}
		for (List<Item> layer : layers) {
			double x = (width - layerWidth(layer)) / 2;
			for (int i = 0; i < layer.size(); i++) {
				Item item = layer.get(i);
				if (i > 0) {
					x += spacing(layer.get(i - 1), item);
				}
				item.x = x + item.width() / 2;
				x += item.width();
			}
		}
		ports(routes);
		// labels into gaps (gap -1 lies above the first layer), rows side by side where they fit
		Map<Integer, List<Route>> byGap = new HashMap<>();
		for (Route route : routes) {
			double nextX = route.slots.isEmpty() ? route.end[0] : route.slots.get(0).x;
			double wanted = (route.start[0] + nextX) / 2;
			route.labelX = Math.max(4 + route.labelWidth / 2, Math.min(width - 4 - route.labelWidth / 2, wanted));
			byGap.computeIfAbsent(route.gap, g -> new ArrayList<>()).add(route);
		}
		Map<Integer, Integer> rowsInGap = new HashMap<>();
		for (Map.Entry<Integer, List<Route>> gap : byGap.entrySet()) {
			rowsInGap.put(gap.getKey(), packRows(gap.getValue()));
		}
		double[] layerTop = new double[layerCount];
		double[] gapTop = new double[layerCount + 1]; // index gap + 1
		double y = MARGIN;
		for (int l = -1; l < layerCount; l++) {
			if (l >= 0) {
				layerTop[l] = y;
				y += NODE_HEIGHT;
			}
			gapTop[l + 1] = y;
			int rows = rowsInGap.getOrDefault(l, 0);
			if (l == -1) {
				y += rows == 0 ? 0 : rows * LABEL_ROW + 2 * EDGE_ROOM;
			} else if (l < layerCount - 1) {
				y += Math.max(MIN_GAP, rows * LABEL_ROW + 2 * EDGE_ROOM);
			}
		}
		int height = (int) Math.ceil(y + MARGIN);

		List<Box> boxes = new ArrayList<>();
		for (List<Item> layer : layers) {
			for (Item item : layer) {
				if (item.node != null) {
					boolean terminal = item.node.equals(START) || item.node.equals(EXIT);
					double w = terminal ? 2 * TERMINAL_RX : NODE_WIDTH;
					double h = terminal ? 2 * TERMINAL_RY : NODE_HEIGHT;
					boxes.add(new Box(item.node, item.x - w / 2, layerTop[item.layer] + (NODE_HEIGHT - h) / 2, w, h));
				}
			}
		}
		List<Edge> edges = new ArrayList<>();
		for (Route route : routes) {
			double labelY = gapTop[route.gap + 1] + EDGE_ROOM + route.labelRow * LABEL_ROW + (LABEL_ROW - LABEL_HEIGHT) / 2.0;
			Label label = new Label(route.labelX - route.labelWidth / 2, labelY, route.labelWidth, route.text);
			List<double[]> points = new ArrayList<>();
			points.add(new double[] { route.start[0], sideY(route.from, route.start[1] < 0, layerTop) });
			points.add(new double[] { route.labelX, labelY + LABEL_HEIGHT / 2.0 });
			for (Item slot : route.slots) {
				points.add(new double[] { slot.x, layerTop[slot.layer] + NODE_HEIGHT / 2.0 });
			}
			points.add(new double[] { route.end[0], sideY(route.to, route.end[1] < 0, layerTop) });
			edges.add(new Edge(route.transition, points, label));
		}
		return new JourneyGraphLayout(width, height, boxes, edges);
	}

	/**
	 * What the layout promises not to do, checked: a label that covers a box or another label, or
	 * lies outside the drawing, in words (empty when there is none).
	 */
	List<String> collisions() {
		List<String> found = new ArrayList<>();
		for (int i = 0; i < edges.size(); i++) {
			Label a = edges.get(i).label();
			if (a.x() < 0 || a.y() < 0 || a.x() + a.width() > width || a.y() + a.height() > height) {
				found.add("label '" + a.text() + "' lies outside the " + width + "×" + height + " drawing");
			}
			for (Box box : boxes) {
				if (intersect(a.x(), a.y(), a.width(), a.height(), box.x(), box.y(), box.width(), box.height())) {
					found.add("label '" + a.text() + "' covers box " + box.name().replace("\u0000", ""));
				}
			}
			for (int j = i + 1; j < edges.size(); j++) {
				Label b = edges.get(j).label();
				if (intersect(a.x(), a.y(), a.width(), a.height(), b.x(), b.y(), b.width(), b.height())) {
					found.add("label '" + a.text() + "' covers label '" + b.text() + "'");
				}
			}
		}
		return found;
	}

	private static boolean intersect(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
		return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
	}

	/** The y of a node's top ({@code top}) or bottom side. */
	private static double sideY(Item item, boolean top, double[] layerTop) {
		boolean terminal = item.node.equals(START) || item.node.equals(EXIT);
		double half = terminal ? TERMINAL_RY : NODE_HEIGHT / 2.0;
		double centre = layerTop[item.layer] + NODE_HEIGHT / 2.0;
		return top ? centre - half : centre + half;
	}

	/**
	 * Where each edge leaves and enters its boxes: downward edges leave the bottom and enter the
	 * top; upward ones leave the top and enter the bottom; edges within a layer leave and enter the
	 * top. The ends on one side of a box are spread across it in the order of where they go, so
	 * edges do not cross at the box. {@code start}/{@code end} hold x and the side (-1 top, 1 bottom).
	 */
	private static void ports(List<Route> routes) {
		Map<String, List<Object[]>> ends = new LinkedHashMap<>(); // "node|side" → [route, isStart, towardsX]
		for (Route route : routes) {
			double afterStart = route.slots.isEmpty() ? route.to.x : route.slots.get(0).x;
			double beforeEnd = route.slots.isEmpty() ? route.from.x : route.slots.get(route.slots.size() - 1).x;
			if (route.from == route.to) { // a loop: out on the left, in on the right
				afterStart = route.from.x - 1;
				beforeEnd = route.from.x + 1;
			}
			int startSide = route.down() ? 1 : -1;
			int endSide = route.up() ? 1 : -1;
			ends.computeIfAbsent(route.from.node + "|" + startSide, k -> new ArrayList<>())
					.add(new Object[] { route, true, afterStart });
			ends.computeIfAbsent(route.to.node + "|" + endSide, k -> new ArrayList<>())
					.add(new Object[] { route, false, beforeEnd });
		}
		for (Map.Entry<String, List<Object[]>> side : ends.entrySet()) {
			List<Object[]> list = side.getValue();
			list.sort(Comparator.comparingDouble(end -> (double) end[2]));
			int sideSign = side.getKey().endsWith("|1") ? 1 : -1;
			Route any = (Route) list.get(0)[0];
			Item node = (boolean) list.get(0)[1] ? any.from : any.to;
			boolean terminal = node.node.equals(START) || node.node.equals(EXIT);
			double room = terminal ? TERMINAL_RX : NODE_WIDTH / 2.0 - 20;
			double step = list.size() <= 1 ? 0 : Math.min(22, 2 * room / (list.size() - 1));
			for (int i = 0; i < list.size(); i++) {
				double x = node.x + (i - (list.size() - 1) / 2.0) * step;
				Route route = (Route) list.get(i)[0];
				double[] port = { x, sideSign };
				if ((boolean) list.get(i)[1]) {
					route.start = port;
				} else {
					route.end = port;
				}
			}
		}
	}

	/** Puts each label of one gap in the first row where it overlaps no other; the number of rows. */
	private static int packRows(List<Route> routes) {
		routes.sort(Comparator.comparingDouble((Route r) -> r.labelX).thenComparing(r -> r.text));
		List<List<double[]>> rows = new ArrayList<>();
		for (Route route : routes) {
			double left = route.labelX - route.labelWidth / 2 - LABEL_SPACING / 2.0;
			double right = route.labelX + route.labelWidth / 2 + LABEL_SPACING / 2.0;
			int row = 0;
			while (row < rows.size() && !fits(rows.get(row), left, right)) {
				row++;
			}
			if (row == rows.size()) {
				rows.add(new ArrayList<>());
			}
			rows.get(row).add(new double[] { left, right });
			route.labelRow = row;
		}
		return rows.size();
	}

	private static boolean fits(List<double[]> row, double left, double right) {
		for (double[] taken : row) {
			if (left < taken[1] && taken[0] < right) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Orders each layer by the mean position of its neighbours in the layer above, then in the one
	 * below, a few times over (the barycentre heuristic): fewer crossings, shorter edges. Stable and
	 * deterministic: ties keep the order before.
	 */
	private static void order(List<List<Item>> layers, List<Route> routes) {
		Map<Item, List<Item>> above = new HashMap<>();
		Map<Item, List<Item>> below = new HashMap<>();
		for (Route route : routes) {
			List<Item> chain = new ArrayList<>();
			chain.add(route.from);
			chain.addAll(route.slots);
			chain.add(route.to);
			for (int i = 0; i + 1 < chain.size(); i++) {
				Item a = chain.get(i);
				Item b = chain.get(i + 1);
				if (a.layer == b.layer) {
					continue;
				}
				Item upper = a.layer < b.layer ? a : b;
				Item lower = a.layer < b.layer ? b : a;
				below.computeIfAbsent(upper, k -> new ArrayList<>()).add(lower);
				above.computeIfAbsent(lower, k -> new ArrayList<>()).add(upper);
			}
		}
		for (List<Item> layer : layers) {
			number(layer);
		}
		for (int sweep = 0; sweep < ORDERING_SWEEPS; sweep++) {
			for (int l = 1; l < layers.size(); l++) {
				sortByNeighbours(layers.get(l), above);
			}
			for (int l = layers.size() - 2; l >= 0; l--) {
				sortByNeighbours(layers.get(l), below);
			}
		}
	}

	private static void sortByNeighbours(List<Item> layer, Map<Item, List<Item>> neighbours) {
		Map<Item, Double> key = new HashMap<>();
		for (Item item : layer) {
			List<Item> others = neighbours.get(item);
			double mean = item.order;
			if (others != null && !others.isEmpty()) {
				double sum = 0;
				for (Item other : others) {
					sum += other.order;
				}
				mean = sum / others.size();
			}
			key.put(item, mean);
		}
		layer.sort(Comparator.comparingDouble(key::get));
		number(layer);
	}

	/** Positions as fractions of the layer (0 to 1), so layers of different sizes compare. */
	private static void number(List<Item> layer) {
		for (int i = 0; i < layer.size(); i++) {
			layer.get(i).order = layer.size() == 1 ? 0.5 : (double) i / (layer.size() - 1);
		}
	}

	private static double layerWidth(List<Item> layer) {
		double width = 0;
		for (int i = 0; i < layer.size(); i++) {
			width += layer.get(i).width() + (i > 0 ? spacing(layer.get(i - 1), layer.get(i)) : 0);
		}
		return width;
	}

	private static double spacing(Item a, Item b) {
		return a.node == null || b.node == null ? SLOT_GAP : COLUMN_GAP;
	}

	/** Breadth-first distance from the start; stages nobody can reach go below the rest, the exit below all. */
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

	/**
	 * The width of a label's text at the report's 11 px sans-serif, a little generous: narrow letters
	 * and digits 6.2 px, wide ones 9 px, capitals 7.8 px.
	 */
	static double textWidth(String text) {
		double width = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ("il.,:;|!'()[] ·".indexOf(c) >= 0) {
				width += 3.6;
			} else if ("mwMW%@".indexOf(c) >= 0) {
				width += 9.5;
			} else if (Character.isUpperCase(c)) {
				width += 7.8;
			} else {
				width += 6.4;
			}
		}
		return width;
	}

	private static String shorten(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}
}
