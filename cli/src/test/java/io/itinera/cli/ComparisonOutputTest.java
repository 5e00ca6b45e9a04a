package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate v1 --compare v2 [--switch-at T]} of two versions with the same journey name: both
 * versions' actions are written (v2's in {@code OUT/compare/}), the report names the versions by file,
 * and the page of two columns fits a 1,400-pixel window (measured in headless Chromium).
 */
class ComparisonOutputTest {
	@TempDir
	Path dir;

	private Path[] versions() throws IOException {
		Path v1 = dir.resolve("post-purchase.journey");
		Path v2 = dir.resolve("post-purchase-v2.journey");
		String journey = SimulateCommandTest.JOURNEY.formatted("split NudgeTest in Abandoned { 50% Nudge, 50% holdout }")
				.replace("goal buy within 2 days", "goal buy within 2 days value amount");
		Files.writeString(v1, journey);
		Files.writeString(v2, journey.replace("after 6 hours -> Abandoned", "after 1 hour -> Abandoned"));
		return new Path[] { v1, v2 };
	}

	private Path log() throws IOException {
		StringBuilder log = new StringBuilder("customer,time,type,item,amount\n");
		for (int i = 0; i < 40; i++) {
			log.append("s").append(i).append(",2026-03-02T08:00:00Z,view,i,\n");
			log.append("s").append(i).append(",2026-03-02T09:00:00Z,cart,i,\n");
			if (i % 3 == 0) {
				log.append("s").append(i).append(",2026-03-02T09:30:00Z,cart,i,\n");
			}
			if (i % 4 == 0) {
				log.append("s").append(i).append(",2026-03-02T11:00:00Z,buy,,").append(10 + i).append("\n");
			}
		}
		log.append("end,2026-03-06T00:00:00Z,view,i,\n");
		Path events = dir.resolve("events.csv");
		Files.writeString(events, log);
		return events;
	}

	private static Set<String> customers(Path actions) throws IOException {
		Set<String> customers = new TreeSet<>();
		ObjectMapper json = new ObjectMapper();
		for (String line : Files.readAllLines(actions)) {
			customers.add(json.readTree(line).get("customer").asText());
		}
		return customers;
	}

	@Test
	void bothVersionsActionsAreWrittenAndTheReportNamesTheVersionsByFile() throws IOException {
		Path[] v = versions();
		Path out = dir.resolve("compare");
		String said = InProcessCli.succeeding("simulate", v[0].toString(), "--events", log().toString(), "--compare", v[1].toString(), "--out",
				out.toString(), "--no-progress");
		JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
		// v2 abandons after 1 hour: those who bought 2 hours after carting were nudged too, so v2 sends more
		long v1Fired = report.get("base").get("campaigns").get(0).get("fired").asLong();
		long v2Fired = report.get("other").get("campaigns").get(0).get("fired").asLong();
		assertEquals(v1Fired, Files.readAllLines(out.resolve("actions.jsonl")).size());
		assertEquals(v2Fired, Files.readAllLines(out.resolve("compare/actions.jsonl")).size());
		assertTrue(v2Fired > v1Fired, v1Fired + " and " + v2Fired);
		assertTrue(customers(out.resolve("compare/actions.jsonl")).containsAll(customers(out.resolve("actions.jsonl"))));
		assertEquals(Files.readAllLines(out.resolve("compare/stage-changes.jsonl")).size(),
				report.get("other").get("transitions").findValues("times").stream().mapToLong(JsonNode::asLong).sum());
		assertTrue(said.contains("post-purchase-v2.journey's in " + out.resolve("compare")), said);

		assertEquals("v1 (post-purchase.journey)", report.get("labels").get("base").asText());
		assertEquals("v2 (post-purchase-v2.journey)", report.get("labels").get("other").asText());
		String html = Files.readString(out.resolve("report.html"));
		assertTrue(html.contains("<h2>Differences (v2 (post-purchase-v2.journey) − v1 (post-purchase.journey))</h2>"), html);
		assertTrue(!html.contains("Differences (Handmade − Handmade)"));
		assertTrue(html.contains("<th>v1 (post-purchase.journey)</th><th>v2 (post-purchase-v2.journey)</th>"));
	}

	@Test
	void withASwitchTheSwitchedRunIsWrittenAndNamedByItsSwitch() throws IOException {
		Path[] v = versions();
		Path out = dir.resolve("switched");
		InProcessCli.succeeding("simulate", v[0].toString(), "--events", log().toString(), "--compare", v[1].toString(), "--switch-at",
				"2026-03-03T00:00:00Z", "--out", out.toString(), "--no-progress");
		JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
		assertEquals("v1 (post-purchase.journey) throughout", report.get("labels").get("base").asText());
		assertEquals("switched to v2 (post-purchase-v2.journey) at 2026-03-03T00:00:00Z",
				report.get("labels").get("other").asText());
		// everything happens before the switch but the last customer's view: the switched run acted as v1 did
		assertEquals(Files.readAllLines(out.resolve("actions.jsonl")).size(),
				Files.readAllLines(out.resolve("compare/actions.jsonl")).size());
		assertEquals(report.get("other").get("campaigns").get(0).get("fired").asLong(),
				Files.readAllLines(out.resolve("compare/actions.jsonl")).size());
	}

	@Test
	void theComparisonFitsA1400PixelWindow() throws Exception {
		HeadlessChromium.assumeInstalled("the comparison's layout");
		Path[] v = versions();
		Path out = dir.resolve("layout");
		InProcessCli.succeeding("simulate", v[0].toString(), "--events", log().toString(), "--compare", v[1].toString(), "--out",
				out.toString(), "--no-progress");
		// the page as written, with a probe that measures it once laid out
		String probe = "<div id=\"layout-probe\"></div><script>(function(){var p=document.getElementById('layout-probe'),"
				+ "right=0;document.querySelectorAll('.side>div').forEach(function(c){right=Math.max(right,c.getBoundingClientRect().right);});"
				+ "p.setAttribute('data-page',document.documentElement.scrollWidth);p.setAttribute('data-columns-end',Math.ceil(right));"
				+ "p.setAttribute('data-window',window.innerWidth);})();</script></body>";
		Path page = out.resolve("probed.html");
		Files.writeString(page, Files.readString(out.resolve("report.html")).replace("</body>", probe));
		String dom = HeadlessChromium.run(dir, "--dump-dom", "--window-size=1400,2000", page.toUri().toString());
		Matcher m = Pattern.compile("id=\"layout-probe\" data-page=\"(\\d+)\" data-columns-end=\"(\\d+)\" data-window=\"(\\d+)\"")
				.matcher(dom);
		assertTrue(m.find(), dom.substring(Math.max(0, dom.length() - 400)));
		int window = Integer.parseInt(m.group(3));
		assertEquals(1400, window);
		assertTrue(Integer.parseInt(m.group(1)) <= window, "the page is " + m.group(1) + " px wide in a " + window + " px window");
		assertTrue(Integer.parseInt(m.group(2)) <= window, "the right column ends at " + m.group(2) + " px");
	}

}
