package io.itinera.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import io.itinera.runtime.simulate.SimulationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The graph's layout keeps every label off every box and off every other label: on a browse-to-buy
 * graph and on a win-back with many timers, loops, edges back up and edges that skip layers.
 */
class JourneyGraphLayoutTest {
	/** A CDNOW-like win-back: monthly timers down a ladder of lapse stages, orders back up, exits from anywhere. */
	static final List<StageFigures> WINBACK_STAGES = List.of(stage("Active"), stage("Quiet30"), stage("Quiet60"),
			stage("Quiet90"), stage("Lapsed"), stage("ValuableLapser"), stage("WonBack"), stage("Lost"));

	static final List<TransitionFigures> WINBACK = winback();

	private static List<TransitionFigures> winback() {
		List<TransitionFigures> edges = new ArrayList<>();
		edges.add(edge(null, "Active", "entry on order"));
		edges.add(edge("Active", "Active", "on order"));
		edges.add(edge("Active", "Quiet30", "after 30d"));
		edges.add(edge("Quiet30", "Quiet60", "after 30d"));
		edges.add(edge("Quiet60", "Quiet90", "after 30d"));
		edges.add(edge("Quiet90", "Lapsed", "after 30d"));
		edges.add(edge("Quiet90", "ValuableLapser", "when value > 200"));
		edges.add(edge("Lapsed", "Lost", "after 180d"));
		edges.add(edge("ValuableLapser", "Lost", "after 180d"));
		edges.add(edge("Lapsed", "ValuableLapser", "when value > 200"));
		for (String lapse : List.of("Quiet30", "Quiet60", "Quiet90", "Lapsed", "ValuableLapser", "Lost")) {
			edges.add(edge(lapse, "WonBack", "on order"));
		}
		edges.add(edge("Active", "WonBack", "on order if order.amount > 100"));
		edges.add(edge("WonBack", "Active", "after 30d"));
		edges.add(edge("WonBack", "Quiet90", "after 90d"));
		for (StageFigures stage : WINBACK_STAGES) {
			edges.add(edge(stage.name(), null, "exit on unsubscribe"));
		}
		return edges;
	}

	@Test
	void noLabelCoversABoxOrAnotherLabel() {
		for (List<TransitionFigures> transitions : List.of(JourneyGraphSvgTest.TRANSITIONS, WINBACK)) {
			List<StageFigures> stages = transitions == WINBACK ? WINBACK_STAGES : JourneyGraphSvgTest.STAGES;
			JourneyGraphLayout layout = JourneyGraphLayout.of(stages, transitions);
			assertEquals(List.of(), layout.collisions());
			assertEquals(transitions.size(), layout.edges.size());
			assertEquals(stages.size() + 1 + (transitions == WINBACK ? 1 : 0), layout.boxes.size(), "stages, start and exit");
		}
	}

	@Test
	void eachEdgeRunsFromItsBoxThroughItsLabelToItsBoxAndPassesLayersBesideTheBoxes() {
		JourneyGraphLayout layout = JourneyGraphLayout.of(WINBACK_STAGES, WINBACK);
		for (JourneyGraphLayout.Edge edge : layout.edges) {
			List<double[]> points = edge.points();
			JourneyGraphLayout.Box from = box(layout, edge.transition().from() == null ? JourneyGraphLayout.START : edge.transition().from());
			JourneyGraphLayout.Box to = box(layout, edge.transition().to() == null ? JourneyGraphLayout.EXIT : edge.transition().to());
			assertOnSide(from, points.get(0));
			assertOnSide(to, points.get(points.size() - 1));
			JourneyGraphLayout.Label label = edge.label();
			assertEquals(label.x() + label.width() / 2, points.get(1)[0], 0.01, "the path runs through the label");
			assertEquals(label.y() + label.height() / 2, points.get(1)[1], 0.01);
			for (double[] slot : points.subList(2, points.size() - 1)) {
				for (JourneyGraphLayout.Box box : layout.boxes) {
					assertTrue(slot[0] < box.x() - 10 || slot[0] > box.x() + box.width() + 10 || slot[1] < box.y()
							|| slot[1] > box.y() + box.height(), "a skipping edge passes beside " + box.name());
				}
			}
		}
	}

	@Test
	void theDrawingHasTheLayoutsLabels() {
		JourneyGraphLayout layout = JourneyGraphLayout.of(WINBACK_STAGES, WINBACK);
		String svg = JourneyGraphSvg.render(WINBACK_STAGES, WINBACK);
		Matcher rect = Pattern.compile("<g class=\"edge-label\"><title>[^<]*</title><rect x=\"([-\\d.]+)\" y=\"([-\\d.]+)\"")
				.matcher(svg);
		int i = 0;
		while (rect.find()) {
			JourneyGraphLayout.Label label = layout.edges.get(i++).label();
			assertEquals(label.x(), Double.parseDouble(rect.group(1)), 0.06);
			assertEquals(label.y(), Double.parseDouble(rect.group(2)), 0.06);
		}
		assertEquals(WINBACK.size(), i);
		assertTrue(svg.contains("width=\"" + layout.width + "\" height=\"" + layout.height + "\""), svg);
	}

	private static JourneyGraphLayout.Box box(JourneyGraphLayout layout, String name) {
		return layout.boxes.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
	}

	private static void assertOnSide(JourneyGraphLayout.Box box, double[] point) {
		assertTrue(point[0] >= box.x() && point[0] <= box.x() + box.width(), "on " + box.name() + "'s width");
		assertTrue(Math.abs(point[1] - box.y()) < 0.01 || Math.abs(point[1] - box.y() - box.height()) < 0.01,
				"on " + box.name() + "'s top or bottom");
	}

	private static StageFigures stage(String name) {
		return new StageFigures(name, "awareness", 41_151, 52_000, 30_000, 11_151, name.equals("Lost"));
	}

	private static TransitionFigures edge(String from, String to, String label) {
		return new TransitionFigures(from, to, label, label, 12_345, 23_456, 0.456, to != null);
	}
}
