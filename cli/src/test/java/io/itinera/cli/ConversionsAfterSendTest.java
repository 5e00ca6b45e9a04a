package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A win-back journey ({@code goal order if order.amount > 0 within 7 days, 30 days after send}, a rule for
 * valuable lapsers, quiet hours, a split with a holdout) over a generated year of orders: each rule's and
 * arm's conversions within 30 days after its messages in report.json equal a count made here from the
 * written actions.jsonl / suppressions.jsonl and the log, and they show what the visit goal hides.
 */
class ConversionsAfterSendTest {
	private static final long WINDOW = Duration.ofDays(30).toMillis();
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	/** Orders of 300 customers over 2024, gaps of 40 days on average, one in ten with amount 0 (not a goal). */
	private static String log() {
		Random random = new Random(11);
		List<String[]> rows = new ArrayList<>();
		Instant end = Instant.parse("2024-12-31T00:00:00Z");
		for (int c = 0; c < 300; c++) {
			Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * random.nextInt(60 * 24 * 60));
			while (at.isBefore(end)) {
				String amount = random.nextDouble() < 0.1 ? "0" : String.format(java.util.Locale.ROOT, "%.2f", 5 + 195 * random.nextDouble());
				rows.add(new String[] { "c" + c, at.toString(), amount });
				at = at.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * 40 * 86_400));
			}
		}
		rows.sort((a, b) -> Instant.parse(a[1]).compareTo(Instant.parse(b[1])));
		StringBuilder csv = new StringBuilder("customer,time,type,amount\n");
		for (String[] row : rows) {
			csv.append(row[0]).append(',').append(row[1]).append(",order,").append(row[2]).append('\n');
		}
		return csv.toString();
	}

	@Test
	void eachRulesAndArmsConversionsAfterItsMessagesEqualACountFromTheWrittenActionsAndTheLog()
			throws IOException, URISyntaxException {
		Path journey = Path.of(getClass().getResource("/winback-after-send.journey").toURI());
		Path log = dir.resolve("orders.csv");
		Files.writeString(log, log());
		Path out = dir.resolve("report");
		StringWriter said = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(said));
		command.setErr(new PrintWriter(err));
		int code = command.execute("simulate", journey.toString(), "--events", log.toString(), "--out", out.toString(),
				"--no-progress");
		assertEquals(0, code, said + "\n" + err);

		// the goal events, from the log: orders with an amount above 0
		Map<String, List<Long>> goals = new HashMap<>();
		for (String line : Files.readAllLines(log).subList(1, Files.readAllLines(log).size())) {
			String[] cells = line.split(",");
			if (Double.parseDouble(cells[3]) > 0) {
				goals.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(Instant.parse(cells[1]).toEpochMilli());
			}
		}
		// messages by rule, and by arm (the holdout's: what the split withheld from them)
		Map<String, Map<String, List<Long>>> byRule = new HashMap<>();
		Map<String, Map<String, List<Long>>> byArm = new HashMap<>();
		for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
			JsonNode action = JSON.readTree(line);
			long at = Instant.parse(action.get("time").asText()).toEpochMilli();
			byRule.computeIfAbsent(action.get("rule").asText(), k -> new HashMap<>())
					.computeIfAbsent(action.get("customer").asText(), k -> new ArrayList<>()).add(at);
			byArm.computeIfAbsent("Winback", k -> new HashMap<>())
					.computeIfAbsent(action.get("customer").asText(), k -> new ArrayList<>()).add(at);
		}
		for (String line : Files.readAllLines(out.resolve("suppressions.jsonl"))) {
			JsonNode notice = JSON.readTree(line);
			if (notice.get("outcome").asText().equals("SUPPRESSED_HOLDOUT")) {
				byArm.computeIfAbsent("holdout", k -> new HashMap<>()).computeIfAbsent(notice.get("customer").asText(),
						k -> new ArrayList<>()).add(Instant.parse(notice.get("time").asText()).toEpochMilli());
			}
		}

		JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
		assertEquals(WINDOW, report.get("goal").get("afterSendWindowMillis").asLong());
		Set<String> rulesSeen = new TreeSet<>();
		for (JsonNode rule : report.get("campaigns").get(0).get("rules")) {
			String title = rule.get("title").asText();
			Map<String, List<Long>> sends = byRule.getOrDefault(title, Map.of());
			assertEquals(sends.size(), rule.get("reached").asLong(), title);
			assertEquals(convertedAfter(sends, goals), rule.get("convertedAfterSend").asLong(), title);
			rulesSeen.add(title);
		}
		assertEquals(Set.of("Lapser", "Valuable lapser"), rulesSeen);
		for (JsonNode arm : report.get("splits").get(0).get("arms")) {
			String label = arm.get("arm").asText();
			Map<String, List<Long>> sends = byArm.getOrDefault(label, Map.of());
			assertEquals(sends.size(), arm.get("messaged").asLong(), label);
			assertEquals(convertedAfter(sends, goals), arm.get("convertedAfterSend").asLong(), label);
		}

		// the visit's goal (within 7 days of a customer's first order, once) says nothing of the win-back;
		// measured from the message it does
		JsonNode valuable = report.get("campaigns").get(0).get("rules").get(0);
		assertEquals("Valuable lapser", valuable.get("title").asText());
		assertEquals(0, valuable.get("converted").asLong());
		assertTrue(valuable.get("convertedAfterSend").asLong() > 50, valuable.toString());
		String html = Files.readString(out.resolve("report.html"));
		assertTrue(html.contains("converted within 30 days after send"), "the rule table's column");
		assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td class=\"n\">%,d</td>",
				valuable.get("convertedAfterSend").asLong())), "the figure beside the visit goal's");
	}

	/** Customers with a goal event later than one of their messages and at most the window after it. */
	private static long convertedAfter(Map<String, List<Long>> sendsByCustomer, Map<String, List<Long>> goals) {
		long converted = 0;
		for (Map.Entry<String, List<Long>> customer : sendsByCustomer.entrySet()) {
			List<Long> goalTimes = goals.getOrDefault(customer.getKey(), List.of());
			boolean hit = customer.getValue().stream()
					.anyMatch(send -> goalTimes.stream().anyMatch(goal -> goal > send && goal - send <= WINDOW));
			if (hit) {
				converted++;
			}
		}
		return converted;
	}
}
