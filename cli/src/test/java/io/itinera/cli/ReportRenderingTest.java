package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Opens a simulation report in headless Chromium (Debian's {@code chromium}) and checks that every
 * chart was drawn: the page's own script writes the counts into {@code #render-check}, read back
 * with {@code --dump-dom}. Skipped, with a message, where Chromium is not installed.
 */
class ReportRenderingTest {

	@TempDir
	static Path dir;

	static Path report;

	@BeforeAll
	static void simulate() throws IOException {
		Path journey = dir.resolve("split.journey");
		Files.writeString(journey, SimulateCommandTest.JOURNEY.formatted(
				"split NudgeTest in Abandoned { 50% Nudge, 50% holdout }")
				.replace("goal buy within 2 days", "goal buy within 2 days value amount")
				.replace("rule \"Many carts\"", "rule \"Many carts in one visit, a rule name far too long to fit a chart's axis\""));
		StringBuilder log = new StringBuilder("customer,time,type,item,amount\n");
		for (int i = 0; i < 40; i++) {
			log.append("s").append(i).append(",2026-03-02T08:00:00Z,view,i,\n");
			log.append("s").append(i).append(",2026-03-02T09:00:00Z,cart,i,\n");
			if (i % 3 == 0) {
				log.append("s").append(i).append(",2026-03-03T09:00:00Z,buy,,").append(10 + i).append("\n");
			}
		}
		log.append("end,2026-03-06T00:00:00Z,view,i,\n");
		Path events = dir.resolve("events.csv");
		Files.writeString(events, log);
		Path out = dir.resolve("report");
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(new StringWriter()));
		assertEquals(0, command.execute("simulate", journey.toString(), "--events", events.toString(), "--out",
				out.toString(), "--no-progress"));
		report = out.resolve("report.html");
	}

	@Test
	void everyChartIsDrawn() throws Exception {
		HeadlessChromium.assumeInstalled("the report's rendering");
		String dom = HeadlessChromium.run(dir, "--dump-dom", report.toUri().toString());
		Matcher check = Pattern.compile("id=\"render-check\"[^>]*data-charts=\"(\\d+)\" data-drawn=\"(\\d+)\" data-marks=\"(\\d+)\""
				+ " data-legend-overlaps=\"(\\d+)\"").matcher(dom);
		assertTrue(check.find(), "the page's render check ran: " + dom.substring(Math.max(0, dom.length() - 400)));
		int charts = Integer.parseInt(check.group(1));
		int drawn = Integer.parseInt(check.group(2));
		int marks = Integer.parseInt(check.group(3));
		// graph, funnel, time to goal, rules, messages per day, split lift, split revenue, daily totals, daily by stage,
		// messages by local hour
		assertEquals(11, charts);
		assertEquals(charts, drawn, "every chart has a size and marks with a size");
		assertTrue(marks > 50, "bars, points, lines, nodes and edges drawn: " + marks);
		assertEquals(0, Integer.parseInt(check.group(4)), "legend entries overlapping a title, label or tick");
	}

	@Test
	void theResultsByTreatmentAreOnThePage() throws Exception {
		String html = Files.readString(report);
		for (String id : List.of("j0-time-to-goal", "j0-rule-results", "j0-split-revenue-0", "j0-split-table-0")) {
			assertTrue(html.contains("id=\"" + id + "\""), id);
		}
		assertTrue(html.contains("<tspan"), "a long rule name wraps in the rules chart");
		String rules = html.substring(html.indexOf("id=\"j0-rules\""), html.indexOf("</svg>", html.indexOf("id=\"j0-rules\"")));
		assertTrue(!rules.contains("…"), "no rule name is cut: " + rules);
		assertTrue(rules.contains(">Nudge: Many carts in one visit, a rule</tspan>"), rules);
		assertTrue(rules.contains(">name far too long to fit a chart&#39;s axis</tspan>"), rules);
		assertTrue(html.contains("Replayed 2026-03-02 08:00 UTC → 2026-03-06 00:00 UTC"), "readable dates");
		assertTrue(!Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d").matcher(html).find(), "no ISO date-times on the page");
		assertTrue(html.contains("<title>Carted → Abandoned: after 6 hours · 40 customers (100.0% of those who entered Carted)"),
				"the edge's condition and share on hover");
	}

	@Test
	void aScreenshotShowsThePage() throws Exception {
		HeadlessChromium.assumeInstalled("the report's rendering");
		Path png = dir.resolve("report.png");
		HeadlessChromium.run(dir, "--screenshot=" + png, "--window-size=1280,2400", report.toUri().toString());
		BufferedImage image = ImageIO.read(png.toFile());
		assertEquals(1280, image.getWidth());
		assertEquals(2400, image.getHeight());
		int colours = 0;
		java.util.Set<Integer> seen = new java.util.HashSet<>();
		for (int y = 0; y < image.getHeight(); y += 7) {
			for (int x = 0; x < image.getWidth(); x += 7) {
				if (seen.add(image.getRGB(x, y)) && ++colours > 20) {
					return;
				}
			}
		}
		throw new AssertionError("the screenshot is nearly blank: " + colours + " colours");
	}

}
