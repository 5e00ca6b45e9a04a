package io.itinera.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Legends sit below the plot in rows that fit the chart; long category names wrap instead of being cut. */
class SvgChartsTest {
	@Test
	void manyLongSeriesNamesWrapIntoLegendRowsBelowThePlot() {
		List<String> series = List.of("FirstOrderWithAVeryLongName", "RepeatCustomersOfTheSpringSale", "Regular",
				"LapsingAfterTheirSecondOrder", "ChurnedForGood", "WinBackCandidates", "Reactivated");
		double[][] values = new double[series.size()][3];
		String svg = SvgCharts.lines("c", "Stage entries per day, by stage", List.of("2026-03-01", "2026-03-02",
				"2026-03-03"), series, values, "entries");
		Matcher legend = Pattern.compile("<rect class=\"legend\" x=\"([\\d.]+)\" y=\"([\\d.]+)\"").matcher(svg);
		Matcher axisBottom = Pattern.compile("<text class=\"tick\" x=\"[\\d.]+\" y=\"(\\d+)\" text-anchor=\"end\" transform")
				.matcher(svg);
		assertTrue(axisBottom.find());
		double ticks = Double.parseDouble(axisBottom.group(1));
		List<double[]> entries = new ArrayList<>();
		while (legend.find()) {
			entries.add(new double[] { Double.parseDouble(legend.group(1)), Double.parseDouble(legend.group(2)) });
		}
		assertEquals(series.size(), entries.size());
		for (int i = 0; i < entries.size(); i++) {
			double right = entries.get(i)[0] + 14 + SvgCharts.textWidth(series.get(i));
			assertTrue(right <= 760, series.get(i) + " runs off the chart at " + right);
			assertTrue(entries.get(i)[1] > ticks + 30, "the legend sits below the axis labels: " + svg);
			if (i > 0 && entries.get(i)[1] == entries.get(i - 1)[1]) {
				assertTrue(entries.get(i)[0] >= entries.get(i - 1)[0] + 14 + SvgCharts.textWidth(series.get(i - 1)),
						"entries " + (i - 1) + " and " + i + " overlap");
			}
		}
		assertTrue(entries.get(entries.size() - 1)[1] > entries.get(0)[1], "more than one row");
	}

	@Test
	void longCategoryNamesWrapAndStayWhole() {
		String name = "CartReminder: Several carts left behind by a customer who came back twice";
		String svg = SvgCharts.horizontalBars("r", "Actions per rule", List.of(name, "Inspire: Keen"),
				List.of("fired", "capped"), new double[][] { { 3, 1 }, { 0, 2 } }, "actions");
		assertFalse(svg.contains("…"), svg);
		assertEquals(String.join(" ", SvgCharts.wrap(name, SvgCharts.MAX_LINE)), name);
		assertTrue(svg.contains(">CartReminder: Several carts left behind</tspan>"), svg);
		assertTrue(svg.contains(">by a customer who came back twice</tspan>"), svg);
	}
}
