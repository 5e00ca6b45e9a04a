package io.itinera.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import io.itinera.runtime.simulate.SimulationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The graph's edges carry their share and condition, and their labels do not sit on each other. */
class JourneyGraphSvgTest {
	static final List<StageFigures> STAGES = List.of(stage("Browsing", 100), stage("Interested", 20), stage("Carted", 40),
			stage("Bought", 30), stage("Drifted", 50));

	static final List<TransitionFigures> TRANSITIONS = List.of(
			edge(null, "Browsing", "entry on view", "entry on view", 100, 1.0),
			edge("Browsing", "Interested", "on favourite", "on favourite", 20, 0.2),
			edge("Browsing", "Carted", "on cart_add", "on cart_add", 35, 0.35),
			edge("Browsing", "Bought", "on purchase if …", "on purchase if purchase.amount > 100", 12, 0.12),
			edge("Browsing", "Drifted", "after 2d", "after 2d", 50, 0.5),
			edge("Interested", "Carted", "on cart_add", "on cart_add", 5, 0.25),
			edge("Interested", "Bought", "on purchase", "on purchase", 6, 0.3),
			edge("Carted", "Bought", "on purchase", "on purchase", 10, 0.25),
			edge("Drifted", "Bought", "on purchase", "on purchase", 2, 0.04));

	@Test
	void edgesShowTheirShareAndTheirConditionOnHover() {
		String svg = JourneyGraphSvg.render(STAGES, TRANSITIONS);
		assertTrue(svg.contains(">on cart_add · 35 (35.0%)</text>"), svg);
		assertTrue(svg.contains("<title>Browsing → Bought: on purchase if purchase.amount &gt; 100 · 12 customers "
				+ "(12.0% of those who entered Browsing), 12 times</title>"), svg);
		assertTrue(svg.contains("<title>start → Browsing: entry on view · 100 customers (100.0% of those who entered the journey)"));
	}

	@Test
	void edgeLabelsDoNotOverlap() {
		String svg = JourneyGraphSvg.render(STAGES, TRANSITIONS);
		Matcher rect = Pattern.compile("<g class=\"edge-label\"><title>[^<]*</title><rect x=\"([-\\d.]+)\" y=\"([-\\d.]+)\" width=\"([\\d.]+)\"")
				.matcher(svg);
		List<double[]> boxes = new ArrayList<>();
		while (rect.find()) {
			boxes.add(new double[] { Double.parseDouble(rect.group(1)), Double.parseDouble(rect.group(2)),
					Double.parseDouble(rect.group(3)) });
		}
		assertEquals(TRANSITIONS.size(), boxes.size());
		for (int i = 0; i < boxes.size(); i++) {
			for (int j = i + 1; j < boxes.size(); j++) {
				double[] a = boxes.get(i);
				double[] b = boxes.get(j);
				boolean overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + 16 && b[1] < a[1] + 16;
				assertFalse(overlap, "labels " + i + " and " + j + " overlap: " + svg);
			}
		}
	}

	private static StageFigures stage(String name, long entered) {
		return new StageFigures(name, "awareness", entered, entered, entered / 2, entered - entered / 2, false);
	}

	private static TransitionFigures edge(String from, String to, String label, String condition, long customers,
			double share) {
		return new TransitionFigures(from, to, label, condition, customers, customers, share, true);
	}
}
