package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.plan.Split;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Replays hand-made logs whose every figure is known by construction, and checks report.json. */
class SimulateCommandTest {
	static final String JOURNEY = """
			journey Handmade "Known by construction" {
			  entry on view -> Browsing
			  goal buy within 2 days

			  event view { item: string }
			  event cart { item: string }
			  event buy  { amount: decimal }

			  feature carts = count(cart)

			  stage Browsing (awareness) {
			    on cart -> Carted
			    after 1 day -> Gone
			  }
			  stage Carted (consideration) {
			    on buy -> Bought
			    after 6 hours -> Abandoned
			  }
			  stage Abandoned (consideration) {
			    on buy -> Bought
			  }
			  stage Bought (purchase) { }
			  stage Gone (awareness) { }

			  campaign Nudge in Abandoned {
			    rule "Many carts" when carts >= 2 then send push "come_back_many"
			    rule "One cart" otherwise then send email "come_back"
			  }
			  %s
			}
			""";

	/**
	 * c1 carts and buys within hours; c2 carts and abandons (one cart); c3 only looks (drifts to
	 * Gone after a day); c4 carts twice, abandons, buys the next day; c5 arrives three days later
	 * (its event sets the end of the replay; its own timer is not due by then). One line is bad.
	 */
	static final String LOG = """
			customer,time,type,item,amount
			c1,2026-03-02T08:00:00Z,view,i1,
			c1,2026-03-02T09:00:00Z,cart,i1,
			c1,2026-03-02T10:00:00Z,buy,,25.5
			c2,2026-03-02T08:00:00Z,view,i2,
			c2,2026-03-02T09:00:00Z,cart,i2,
			c3,2026-03-02T08:00:00Z,view,i3,
			c4,2026-03-02T08:00:00Z,view,i4,
			c4,2026-03-02T09:00:00Z,cart,i4,
			c4,2026-03-02T10:00:00Z,cart,i5,
			c4,2026-03-03T08:00:00Z,buy,,99
			c4,not-a-time,view,i4,
			c5,2026-03-05T08:00:00Z,view,i6,
			""";

	@TempDir
	Path dir;

	@Test
	void everyFigureOfAHandMadeLog() throws IOException {
		JsonNode report = simulate(JOURNEY.formatted(""), LOG, dir.resolve("out"));

		JsonNode input = report.get("input");
		assertEquals(11, input.get("events").asLong());
		assertEquals(1, input.get("deadLetters").asLong());
		assertEquals(5, input.get("customers").asLong());
		assertEquals(3, input.get("timersFired").asLong(), "the 6-hour timers of c2 and c4, the 1-day timer of c3");
		assertEquals("2026-03-02T08:00:00Z", report.get("window").get("from").asText());
		assertEquals("2026-03-05T08:00:00Z", report.get("window").get("to").asText());

		// stage: customers entered, entries, left, in at the end
		assertStage(report, "Browsing", "awareness", 5, 5, 4, 1);
		assertStage(report, "Carted", "consideration", 3, 3, 3, 0);
		assertStage(report, "Abandoned", "consideration", 2, 2, 1, 1);
		assertStage(report, "Bought", "purchase", 2, 2, 0, 2);
		assertStage(report, "Gone", "awareness", 1, 1, 0, 1);

		assertTransition(report, null, "Browsing", "entry on view", 5, 5);
		assertTransition(report, "Browsing", "Carted", "on cart", 3, 3);
		assertTransition(report, "Browsing", "Gone", "after 1 day", 1, 1);
		assertTransition(report, "Carted", "Bought", "on buy", 1, 1);
		assertTransition(report, "Carted", "Abandoned", "after 6 hours", 2, 2);
		assertTransition(report, "Abandoned", "Bought", "on buy", 1, 1);
		assertEquals(6, report.get("transitions").size());

		JsonNode funnel = report.get("funnel");
		assertPhase(funnel.get(0), "awareness", 5, 1.0);
		assertPhase(funnel.get(1), "consideration", 3, 0.6);
		assertPhase(funnel.get(2), "purchase", 2, 0.4);
		assertPhase(funnel.get(3), "loyalty", 0, 0.0);

		JsonNode goal = report.get("goal");
		assertEquals("buy", goal.get("event").asText());
		assertEquals(2 * 86_400_000L, goal.get("windowMillis").asLong());
		assertEquals(5, goal.get("visits").asLong());
		assertEquals(2, goal.get("converted").asLong());
		assertEquals(0.4, goal.get("rate").asDouble(), 1e-12);
		assertEquals(5, goal.get("customers").asLong());
		assertEquals(2, goal.get("customersConverted").asLong());

		JsonNode nudge = report.get("campaigns").get(0);
		assertEquals("Nudge", nudge.get("name").asText());
		assertEquals(2, nudge.get("fired").asLong());
		assertRule(nudge.get("rules").get(0), "Many carts", 1);
		assertRule(nudge.get("rules").get(1), "One cart", 1);

		JsonNode histogram = report.get("messagesPerCustomerDay");
		assertEquals(10, histogram.size());
		assertEquals(2, histogram.get(0).get("customerDays").asLong(), "c2 and c4 got one message each, on 2 March");
		for (int i = 1; i < 10; i++) {
			assertEquals(0, histogram.get(i).get("customerDays").asLong());
		}
		assertTrue(histogram.get(9).get("orMore").asBoolean());

		JsonNode daily = report.get("daily");
		assertEquals(4, daily.size(), "2 to 5 March, the quiet 4th included");
		assertDay(daily.get(0), "2026-03-02", 2, 10, "Browsing", 4, "Carted", 3, "Abandoned", 2, "Bought", 1);
		assertDay(daily.get(1), "2026-03-03", 0, 2, "Bought", 1, "Gone", 1);
		assertDay(daily.get(2), "2026-03-04", 0, 0);
		assertDay(daily.get(3), "2026-03-05", 0, 1, "Browsing", 1);
		assertEquals(0, report.get("splits").size());

		Path out = dir.resolve("out");
		assertTrue(Files.readString(out.resolve("report.html")).contains("<svg class=\"chart graph\""));
		assertTrue(Files.readString(out.resolve("dead-letters.jsonl")).contains("\"line\":12"));
	}

	/**
	 * With {@code value amount}: c1 buys for 25.5 two hours after entering (one after carting), c4 for
	 * 99 a day after entering, 23 hours after carting, 17 after abandoning and its push "Many carts";
	 * c2 got "One cart" and never bought.
	 */
	@Test
	void resultsByTreatmentOfAHandMadeLog() throws IOException {
		String journey = JOURNEY.formatted("").replace("goal buy within 2 days", "goal buy within 2 days value amount");
		JsonNode report = simulate(journey, LOG, dir.resolve("treatment"));

		JsonNode goal = report.get("goal");
		assertEquals("amount", goal.get("valueField").asText());
		assertEquals(124.5, goal.get("revenue").asDouble(), 1e-9);

		JsonNode rules = report.get("campaigns").get(0).get("rules");
		assertRuleResults(rules.get(0), "Many carts", 1, 1, 1.0, 99);
		assertRuleResults(rules.get(1), "One cart", 1, 0, 0.0, 0);

		// Browsing: 2h and 24h; Carted: 1h and 23h; Abandoned: 17h (c4 only); Bought is entered by the goal
		JsonNode times = goal.get("timeToGoal");
		assertEquals(3, times.size());
		assertTiming(times.get(0), "Browsing", 2, 7.5, 13, 18.5);
		assertTiming(times.get(1), "Carted", 2, 6.5, 12, 17.5);
		assertTiming(times.get(2), "Abandoned", 1, 17, 17, 17);

		assertEquals(0.6, transition(report, "Browsing", "Carted").get("share").asDouble(), 1e-12, "3 of the 5 in Browsing");
		assertEquals(2.0 / 3, transition(report, "Carted", "Abandoned").get("share").asDouble(), 1e-12);
		assertEquals(1.0, transition(report, null, "Browsing").get("share").asDouble(), 1e-12);
		assertEquals("on cart", transition(report, "Browsing", "Carted").get("condition").asText());

		String html = Files.readString(dir.resolve("treatment/report.html"));
		assertTrue(html.contains("id=\"j0-rule-results\""), "the table of results per rule");
		assertTrue(html.contains("id=\"j0-time-to-goal\""), "the time-to-goal chart");
		assertTrue(html.contains("124.50"), "the revenue");
		String graph = html.substring(html.indexOf("<svg class=\"chart graph\""), html.indexOf("</svg>", html.indexOf("chart graph")));
		assertTrue(graph.contains("on cart · 3 (60.0%)"), "the share on the graph's edge Browsing → Carted: " + graph);
		assertTrue(graph.contains("<title>Browsing → Carted: on cart"), "the transition on hover");
	}

	@Test
	void theWindowLimitsEventsAndTimers() throws IOException {
		JsonNode report = simulate(JOURNEY.formatted(""), LOG, dir.resolve("window"), "--from", "2026-03-02",
				"--to", "2026-03-02T12:00:00Z");
		assertEquals(9, report.get("input").get("events").asLong());
		assertEquals(2, report.get("input").get("outsideWindow").asLong());
		assertEquals(0, report.get("input").get("timersFired").asLong(), "no timer is due before noon");
		assertStage(report, "Carted", "consideration", 3, 3, 1, 2);
	}

	/**
	 * Quiet hours 14:00-16:00 hold both abandon messages (decided at 15:00) until 16:00; c2's view at
	 * 17:00 makes the rules decide again, and the 1-a-day cap (counted from the release) suppresses it.
	 */
	@Test
	void capsAndQuietHoursPerRule() throws IOException {
		String journey = JOURNEY.formatted("").replace("campaign Nudge in Abandoned {",
				"campaign Nudge in Abandoned {\n    cap 1 per 1 day\n    quiet hours 14:00 - 16:00");
		String log = LOG.replace("c2,2026-03-02T09:00:00Z,cart,i2,\n",
				"c2,2026-03-02T09:00:00Z,cart,i2,\nc2,2026-03-02T17:00:00Z,view,i2,\n");
		JsonNode report = simulate(journey, log, dir.resolve("caps"));
		JsonNode nudge = report.get("campaigns").get(0);
		assertEquals(2, nudge.get("fired").asLong(), "both held messages go out at 16:00");
		assertEquals(1, nudge.get("capped").asLong());
		assertEquals(2, nudge.get("quietHeld").asLong());
		assertEquals(0, nudge.get("droppedAfterHold").asLong());
		JsonNode many = nudge.get("rules").get(0);
		JsonNode one = nudge.get("rules").get(1);
		assertEquals(List.of(1L, 0L, 1L), List.of(many.get("fired").asLong(), many.get("capped").asLong(),
				many.get("quietHeld").asLong()));
		assertEquals(List.of(1L, 1L, 1L), List.of(one.get("fired").asLong(), one.get("capped").asLong(),
				one.get("quietHeld").asLong()));
		assertEquals(2, report.get("daily").get(0).get("actions").asLong());
	}

	@Test
	void splitArmsAndConversionPerArm() throws IOException {
		String journey = JOURNEY.formatted("split NudgeTest in Abandoned { 50% Nudge, 50% holdout }");
		StringBuilder log = new StringBuilder("customer,time,type,item,amount\n");
		List<String> customers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			String id = "s" + i;
			customers.add(id);
			log.append(id).append(",2026-03-02T08:00:00Z,view,i,\n");
			log.append(id).append(",2026-03-02T09:00:00Z,cart,i,\n");
			if (i % 3 == 0) {
				log.append(id).append(",2026-03-03T09:00:00Z,buy,,10\n");
			}
		}
		log.append("end,2026-03-06T00:00:00Z,view,i,\n");
		JsonNode report = simulate(journey, log.toString(), dir.resolve("split"));

		Split split = new Split("NudgeTest", "Abandoned", List.of(new Split.Arm(50, "Nudge", false, null),
				new Split.Arm(50, null, true, null)), null);
		long nudged = customers.stream().filter(c -> SplitAssignment.armOf("Handmade", c, split).equals("Nudge")).count();
		long nudgedConverted = 0;
		for (int i = 0; i < 60; i += 3) {
			if (SplitAssignment.armOf("Handmade", "s" + i, split).equals("Nudge")) {
				nudgedConverted++;
			}
		}
		JsonNode arms = report.get("splits").get(0).get("arms");
		assertEquals("Nudge", arms.get(0).get("arm").asText());
		assertEquals(nudged, arms.get(0).get("customers").asLong());
		assertEquals(60 - nudged, arms.get(1).get("customers").asLong());
		assertEquals(nudgedConverted, arms.get(0).get("converted").asLong());
		assertEquals(20 - nudgedConverted, arms.get(1).get("converted").asLong());
		assertEquals(nudged, report.get("campaigns").get(0).get("fired").asLong(), "one message per nudged customer");
		JsonNode lift = arms.get(0).get("liftOverHoldout");
		double p1 = (double) nudgedConverted / nudged;
		double p0 = (double) (20 - nudgedConverted) / (60 - nudged);
		assertEquals(p1 - p0, lift.get("difference").asDouble(), 1e-12);
		assertTrue(lift.get("low").asDouble() < lift.get("difference").asDouble());
		assertTrue(arms.get(1).get("liftOverHoldout").isNull());
	}

	/** Every converter buys for 10: each arm's revenue is 10 per converter, and its variance is a proportion's. */
	@Test
	void revenuePerSplitArm() throws IOException {
		String journey = JOURNEY.formatted("split NudgeTest in Abandoned { 50% Nudge, 50% holdout }")
				.replace("goal buy within 2 days", "goal buy within 2 days value amount");
		StringBuilder log = new StringBuilder("customer,time,type,item,amount\n");
		for (int i = 0; i < 60; i++) {
			log.append("s").append(i).append(",2026-03-02T08:00:00Z,view,i,\n");
			log.append("s").append(i).append(",2026-03-02T09:00:00Z,cart,i,\n");
			if (i % 3 == 0) {
				log.append("s").append(i).append(",2026-03-03T09:00:00Z,buy,,10\n");
			}
		}
		log.append("end,2026-03-06T00:00:00Z,view,i,\n");
		JsonNode split = simulate(journey, log.toString(), dir.resolve("revenue")).get("splits").get(0);
		assertTrue(split.get("revenueMethod").asText().contains("normal"));
		JsonNode nudge = split.get("arms").get(0);
		JsonNode holdout = split.get("arms").get(1);
		long n1 = nudge.get("customers").asLong();
		long c1 = nudge.get("converted").asLong();
		long n0 = holdout.get("customers").asLong();
		long c0 = holdout.get("converted").asLong();
		assertEquals(10.0 * c1, nudge.get("revenue").asDouble(), 1e-9);
		assertEquals(10.0 * c0, holdout.get("revenue").asDouble(), 1e-9);
		assertEquals(10.0 * c1 / n1, nudge.get("revenuePerCustomer").asDouble(), 1e-9);
		double p1 = (double) c1 / n1;
		double p0 = (double) c0 / n0;
		double se = Math.sqrt(100 * p1 * (1 - p1) / (n1 - 1) + 100 * p0 * (1 - p0) / (n0 - 1));
		JsonNode lift = nudge.get("revenueLiftOverHoldout");
		assertEquals(10 * (p1 - p0), lift.get("difference").asDouble(), 1e-9);
		assertEquals(10 * (p1 - p0) - 1.959963984540054 * se, lift.get("low").asDouble(), 1e-9);
		assertEquals(10 * (p1 - p0) + 1.959963984540054 * se, lift.get("high").asDouble(), 1e-9);
		assertTrue(holdout.get("revenueLiftOverHoldout").isNull());
	}

	@Test
	void comparesTwoVersionsInOnePass() throws IOException {
		JsonNode comparison = compared(JOURNEY.formatted("").replace("after 6 hours -> Abandoned", "after 1 hour -> Abandoned")
				.replace("journey Handmade", "journey HandmadeFaster"), LOG);
		assertEquals("Handmade", comparison.get("base").get("journey").asText());
		assertEquals("HandmadeFaster", comparison.get("other").get("journey").asText());
		// with a 1-hour timer, c1 (bought 1 hour after carting) and c4 (carted again 1 hour later) abandon too
		assertEquals(2, stage(comparison.get("base"), "Abandoned").get("entered").asLong());
		assertEquals(3, stage(comparison.get("other"), "Abandoned").get("entered").asLong());
		boolean found = false;
		for (JsonNode d : comparison.get("differences")) {
			if (d.get("figure").asText().equals("customers entering Abandoned")) {
				assertEquals(1.0, d.get("change").asDouble());
				found = true;
			}
		}
		assertTrue(found);
	}

	@Test
	void aComparedVersionReadsTheFieldsItAddsToAnEvent() throws IOException {
		JsonNode comparison = compared(JOURNEY.formatted("").replace("event cart { item: string }", "event cart { item: string  amount: decimal }")
				.replace("on cart -> Carted", "on cart if cart.amount >= 50 -> Carted").replace("journey Handmade", "journey HandmadeBigCarts"), """
				customer,time,type,item,amount
				c1,2026-03-02T08:00:00Z,view,i1,
				c1,2026-03-02T09:00:00Z,cart,i1,80
				c2,2026-03-02T08:00:00Z,view,i2,
				c2,2026-03-02T09:00:00Z,cart,i2,5
				""");
		assertEquals(2, stage(comparison.get("base"), "Carted").get("entered").asLong());
		assertEquals(1, stage(comparison.get("other"), "Carted").get("entered").asLong(), "only c1's cart of 80 is big enough");
	}

	// ------------------------------------------------------------------ helpers

	/** The report of {@code simulate --compare}: the hand-made journey against {@code other} over {@code log}. */
	private JsonNode compared(String other, String log) throws IOException {
		Path baseFile = dir.resolve("base.journey");
		Path otherFile = dir.resolve("other.journey");
		Path logFile = dir.resolve("log.csv");
		Path out = dir.resolve("compare");
		Files.writeString(baseFile, JOURNEY.formatted(""));
		Files.writeString(otherFile, other);
		Files.writeString(logFile, log);
		assertEquals(0, run(baseFile.toString(), "--events", logFile.toString(), "--compare", otherFile.toString(), "--out",
				out.toString(), "--no-progress"));
		return new ObjectMapper().readTree(out.resolve("report.json").toFile());
	}

	private JsonNode simulate(String journey, String log, Path out, String... more) throws IOException {
		Path journeyFile = dir.resolve(out.getFileName() + ".journey");
		Path logFile = dir.resolve(out.getFileName() + ".csv");
		Files.writeString(journeyFile, journey);
		Files.writeString(logFile, log);
		List<String> args = new ArrayList<>(List.of(journeyFile.toString(), "--events", logFile.toString(), "--out",
				out.toString(), "--no-progress"));
		args.addAll(List.of(more));
		assertEquals(0, run(args.toArray(String[]::new)));
		return new ObjectMapper().readTree(out.resolve("report.json").toFile());
	}

	private static int run(String... args) {
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setErr(new PrintWriter(err));
		command.setOut(new PrintWriter(new StringWriter()));
		int code = command.execute(prepend("simulate", args));
		assertEquals("", err.toString().trim(), "no errors");
		return code;
	}

	private static String[] prepend(String first, String[] rest) {
		String[] all = new String[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	private static JsonNode stage(JsonNode report, String name) {
		for (JsonNode stage : report.get("stages")) {
			if (stage.get("name").asText().equals(name)) {
				return stage;
			}
		}
		throw new AssertionError("no stage " + name);
	}

	private static void assertStage(JsonNode report, String name, String phase, long entered, long entries, long exited,
			long current) {
		JsonNode stage = stage(report, name);
		assertEquals(phase, stage.get("phase").asText(), name);
		assertEquals(entered, stage.get("entered").asLong(), name + " entered");
		assertEquals(entries, stage.get("entries").asLong(), name + " entries");
		assertEquals(exited, stage.get("exited").asLong(), name + " exited");
		assertEquals(current, stage.get("current").asLong(), name + " current");
	}

	private static void assertTransition(JsonNode report, String from, String to, String label, long customers,
			long times) {
		for (JsonNode t : report.get("transitions")) {
			if (t.get("from").isNull() == (from == null) && (from == null || t.get("from").asText().equals(from))
					&& t.get("to").asText().equals(to)) {
				assertEquals(label, t.get("label").asText());
				assertEquals(customers, t.get("customers").asLong(), from + "->" + to);
				assertEquals(times, t.get("times").asLong(), from + "->" + to);
				return;
			}
		}
		throw new AssertionError("no transition " + from + " -> " + to);
	}

	private static JsonNode transition(JsonNode report, String from, String to) {
		for (JsonNode t : report.get("transitions")) {
			if (t.get("from").isNull() == (from == null) && (from == null || t.get("from").asText().equals(from))
					&& t.get("to").asText().equals(to)) {
				return t;
			}
		}
		throw new AssertionError("no transition " + from + " -> " + to);
	}

	private static void assertRuleResults(JsonNode rule, String title, long reached, long converted, double rate,
			double revenue) {
		assertEquals(title, rule.get("title").asText());
		assertEquals(reached, rule.get("reached").asLong(), title + " reached");
		assertEquals(converted, rule.get("converted").asLong(), title + " converted");
		assertEquals(rate, rule.get("rate").asDouble(), 1e-12, title + " rate");
		assertEquals(revenue, rule.get("revenue").asDouble(), 1e-9, title + " revenue");
	}

	private static void assertTiming(JsonNode timing, String stage, long conversions, double lowerHours,
			double medianHours, double upperHours) {
		assertEquals(stage, timing.get("stage").asText());
		assertEquals(conversions, timing.get("conversions").asLong(), stage);
		assertEquals(Math.round(lowerHours * 3_600_000), timing.get("lowerQuartileMillis").asLong(), stage + " lower");
		assertEquals(Math.round(medianHours * 3_600_000), timing.get("medianMillis").asLong(), stage + " median");
		assertEquals(Math.round(upperHours * 3_600_000), timing.get("upperQuartileMillis").asLong(), stage + " upper");
	}

	private static void assertPhase(JsonNode phase, String name, long customers, double share) {
		assertEquals(name, phase.get("phase").asText());
		assertEquals(customers, phase.get("customers").asLong(), name);
		assertEquals(share, phase.get("share").asDouble(), 1e-12, name);
	}

	private static void assertRule(JsonNode rule, String title, long fired) {
		assertEquals(title, rule.get("title").asText());
		assertEquals(fired, rule.get("fired").asLong(), title);
		assertEquals(0, rule.get("capped").asLong(), title);
		assertEquals(0, rule.get("quietHeld").asLong(), title);
	}

	private static void assertDay(JsonNode day, String date, long actions, long entries, Object... byStage) {
		assertEquals(date, day.get("day").asText());
		assertEquals(actions, day.get("actions").asLong(), date + " actions");
		assertEquals(entries, day.get("stageEntries").asLong(), date + " entries");
		long listed = 0;
		for (int i = 0; i < byStage.length; i += 2) {
			assertEquals(((Integer) byStage[i + 1]).longValue(), day.get("entriesByStage").get((String) byStage[i]).asLong(),
					date + " " + byStage[i]);
			listed += (Integer) byStage[i + 1];
		}
		assertEquals(entries, listed, date + ": entries by stage add up");
	}
}
