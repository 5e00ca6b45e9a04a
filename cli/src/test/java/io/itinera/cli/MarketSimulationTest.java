package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --market}: two offers in a split, a market with known true rates (an hour-of-day curve on
 * opens, gold customers buying 1.5 times as often) over 6,000 generated customers in three time zones. The
 * answers the market injected match the true parameters per arm, the journey's goal and transitions react to
 * the injected purchases, and the same seed gives the same files byte for byte.
 */
class MarketSimulationTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Tokyo");
	private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
	/** The market file's true parameters, written out again here. */
	private static final double OPEN = 0.5;
	private static final double CLICK = 0.5;
	private static final Map<String, Double> PURCHASE = Map.of("SaveFive", 0.4, "SaveTen", 0.52);
	private static final double GOLD = 1.5;

	@TempDir
	Path dir;
	private Path journey;
	private Path market;
	private Path log;
	private final Map<String, String[]> customers = new HashMap<>();

	private static double hourFactor(int hour) {
		return hour >= 8 && hour <= 20 ? 1.2 : 0.6;
	}

	@BeforeEach
	void population() throws IOException, URISyntaxException {
		journey = Path.of(getClass().getResource("/market/offers.journey").toURI());
		market = Path.of(getClass().getResource("/market/offers-market.json").toURI());
		Random random = new Random(3);
		StringBuilder csv = new StringBuilder("customer,time,type,timezone,tier\n");
		long at = START.toEpochMilli();
		for (int c = 0; c < 6000; c++) {
			at += 1 + random.nextInt(14 * 60_000); // one visit each, 30 days in all
			String[] who = { ZONES.get(random.nextInt(ZONES.size())), random.nextInt(4) == 0 ? "gold" : "basic" };
			customers.put("c" + c, who);
			csv.append("c").append(c).append(',').append(Instant.ofEpochMilli(at)).append(",visit,").append(who[0]).append(',')
					.append(who[1]).append('\n');
		}
		log = dir.resolve("visits.csv");
		Files.writeString(log, csv);
	}

	private Path simulate(String name) {
		Path out = dir.resolve(name);
		String said = InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--market", market.toString(),
				"--to", "2025-04-15", "--out", out.toString(), "--no-progress");
		assertTrue(said.contains("Market (seed 7)"), said);
		return out;
	}

	@Test
	void theInjectedAnswersMatchTheTrueRatesPerArmAndTheGoalReactsToThePurchases() throws IOException {
		Path out = simulate("run");
		// the true expectation of each answer per arm, from the messages sent, and its variance (a sum of Bernoullis)
		Map<String, double[]> expected = new HashMap<>();
		Map<String, double[]> variance = new HashMap<>();
		Map<String, String> armOfMessage = new HashMap<>();
		Map<String, long[]> messages = new HashMap<>();
		for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
			JsonNode action = JSON.readTree(line);
			String arm = action.get("campaign").asText();
			String[] who = customers.get(action.get("customer").asText());
			int hour = Instant.parse(action.get("time").asText()).atZone(ZoneId.of(who[0])).getHour();
			double open = OPEN * hourFactor(hour);
			double[] p = { open, open * CLICK, open * CLICK * PURCHASE.get(arm) * ("gold".equals(who[1]) ? GOLD : 1) };
			double[] e = expected.computeIfAbsent(arm, k -> new double[3]);
			double[] v = variance.computeIfAbsent(arm, k -> new double[3]);
			for (int a = 0; a < 3; a++) {
				e[a] += p[a];
				v[a] += p[a] * (1 - p[a]);
			}
			armOfMessage.put(action.get("id").asText(), arm);
			messages.computeIfAbsent(arm, k -> new long[1])[0]++;
		}
		assertEquals(2, expected.size(), "both arms sent");
		Map<String, long[]> observed = new HashMap<>();
		long purchases = 0;
		for (String line : Files.readAllLines(out.resolve(MarketRun.EVENTS))) {
			JsonNode event = JSON.readTree(line);
			assertTrue(event.get("simulated").asBoolean(), line);
			String type = event.get("type").asText();
			int answer = type.equals("email_open") ? 0 : type.equals("email_click") ? 1 : 2;
			observed.computeIfAbsent(armOfMessage.get(event.get("answers").asText()), k -> new long[3])[answer]++;
			purchases += answer == 2 ? 1 : 0;
		}
		// the bound: each count within 4 standard deviations of its true expectation (a two-sided 99.99% interval)
		for (String arm : expected.keySet()) {
			for (int a = 0; a < 3; a++) {
				double bound = 4 * Math.sqrt(variance.get(arm)[a]);
				assertTrue(Math.abs(observed.get(arm)[a] - expected.get(arm)[a]) <= bound, arm + " answer " + a + ": observed "
						+ observed.get(arm)[a] + ", true expectation " + expected.get(arm)[a] + " ± " + bound);
			}
		}
		// the better offer shows: SAVE10's purchases per message above SAVE5's
		assertTrue((double) observed.get("SaveTen")[2] / messages.get("SaveTen")[0]
				> (double) observed.get("SaveFive")[2] / messages.get("SaveFive")[0]);

		// market.json states the same true expectations, and every answer went in
		JsonNode figures = JSON.readTree(out.resolve(MarketRun.FIGURES).toFile());
		for (JsonNode entry : figures.get("responses")) {
			String arm = entry.get("match").asText().equals("campaign=SaveFive") ? "SaveFive" : "SaveTen";
			assertEquals(messages.get(arm)[0], entry.get("messages").asLong());
			assertEquals(expected.get(arm)[2], entry.get("purchase").get("trueRate").asDouble() * entry.get("messages").asLong(), 1e-6);
			assertEquals(observed.get(arm)[2], entry.get("purchase").get("injected").asLong(), figures.toString());
		}
		assertEquals(0, figures.get("late").asLong());
		assertEquals(0, figures.get("afterTheEnd").asLong());

		// the journey reacts: each injected purchase moves its customer to Bought and counts for the goal
		long bought = Files.readAllLines(out.resolve("stage-changes.jsonl")).stream()
				.filter(line -> line.contains("\"to\":\"Bought\"")).count();
		assertTrue(purchases > 300, "purchases: " + purchases);
		assertEquals(purchases, bought);
		JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
		assertEquals(purchases, report.get("goal").get("converted").asLong());
	}

	@Test
	void theSameSeedGivesTheSameFilesByteForByte() throws IOException {
		Path first = simulate("first");
		Path second = simulate("second");
		for (String file : List.of("actions.jsonl", "stage-changes.jsonl", "suppressions.jsonl", MarketRun.EVENTS, MarketRun.FIGURES)) {
			assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
		}
	}

	@Test
	void aMarketNamingAnEventTheJourneyDoesNotDeclareIsRefusedWithTheFix() throws IOException {
		Path wrong = dir.resolve("wrong.json");
		Files.writeString(wrong, Files.readString(market).replace("\"email_click\"", "\"email_clicked\""));
		InProcessCli.Result result = InProcessCli.execute("simulate", journey.toString(), "--events", log.toString(), "--market",
				wrong.toString(), "--out", dir.resolve("x").toString(), "--no-progress");
		assertEquals(2, result.exit(), result.out() + result.err());
		assertTrue(result.err().contains("wrong.json") && result.err().contains("declare `event email_clicked { }`"), result.err());
	}
}
