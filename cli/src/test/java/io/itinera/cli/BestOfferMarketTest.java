package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Best offer per customer against a simulated market whose true purchase rates differ by tier (the market file:
 * gold customers answer SAVE10, the others FREESHIP). 0: a model trained from a small log of offer events (the
 * cold start); 1: {@code explore 100%} over 4,000 customers writes a randomised log; 2: {@code itinera train offers}
 * learns each offer's expected revenue from it (a real ONNX file, scored through DJL); 3: on three fresh
 * populations and market seeds, the model's choice beats every single offer on the market's true expected revenue.
 */
class BestOfferMarketTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final List<String> OFFERS = List.of("SAVE5", "SAVE10", "FREESHIP");
	private static final String CHOICE = "best of OfferValue among \"SAVE5\", \"SAVE10\", \"FREESHIP\"";
	private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
	private static final int CUSTOMERS = 4000;
	/** A single offer's journey declares no offer model (nothing would read its three columns). */
	private static final java.util.regex.Pattern WITHOUT_MODEL = java.util.regex.Pattern.compile("(?s)  model OfferValue .*?\\}\\n");

	@TempDir
	Path dir;

	@Test
	void theModelsChoiceBeatsEverySingleOfferOnTrueExpectedRevenueOverThreeSeeds() throws IOException, URISyntaxException {
		String template = Files.readString(resource("best-offer.journey"));
		String market = Files.readString(resource("best-offer-market.json"));

		// 0: a cold-start model from a small log of offer events (the log's own format: offer_sent, then purchases)
		Path explore = journey("explore", template, CHOICE + " explore 100%");
		Path prior = priorLog(dir, new Random(5), 300);
		String trained = InProcessCli.succeeding("train", "offers", explore.toString(), "--events", prior.toString(), "--offer-event",
				"offer_sent", "--outcome", "purchase", "--value", "amount", "--within", "7d");
		assertTrue(trained.contains("| SAVE10 |"), trained);

		// 1: explore 100%: every offer at random, the market answers
		Map<String, String> tiers = new HashMap<>();
		Path visits = population(new Random(1), tiers, "visits-explore");
		Path log = simulate(explore, visits, market, 1, "explore");
		Map<String, long[]> explored = new LinkedHashMap<>();
		for (JsonNode action : actions(log)) {
			assertEquals("explore", action.get("params").get("couponChosenBy").asText());
			assertEquals(3, action.get("scores").size(), "the three offers' scores recorded: " + action);
			explored.computeIfAbsent(action.get("params").get("coupon").asText(), k -> new long[1])[0]++;
		}
		for (String offer : OFFERS) {
			long count = explored.get(offer)[0];
			assertTrue(Math.abs(count - CUSTOMERS / 3.0) < 4 * Math.sqrt(CUSTOMERS * (1 / 3.0) * (2 / 3.0)), offer + ": " + count);
		}

		// 2: learn each offer's expected revenue from the randomised log
		Path best = journey("best", template, CHOICE);
		String report = InProcessCli.succeeding("train", "offers", best.toString(), "--events", visits.toString(), "--actions",
				log.resolve("actions.jsonl").toString(), "--outcomes", log.resolve(MarketRun.EVENTS).toString(), "--outcome", "purchase",
				"--value", "amount", "--within", "7d");
		assertTrue(report.contains("wrote"), report);

		// 3: fresh populations and market seeds: the model's choice against each single offer
		StringBuilder table = new StringBuilder();
		for (int seed = 2; seed <= 4; seed++) {
			Map<String, String> fresh = new HashMap<>();
			Path people = population(new Random(seed * 7919L), fresh, "visits-" + seed);
			Path chosen = simulate(best, people, market, seed, "best-" + seed);
			long right = 0;
			List<JsonNode> sent = actions(chosen);
			for (JsonNode action : sent) {
				assertEquals("model", action.get("params").get("couponChosenBy").asText(), action.toString());
				String expected = "gold".equals(fresh.get(action.get("customer").asText())) ? "SAVE10" : "FREESHIP";
				right += expected.equals(action.get("params").get("coupon").asText()) ? 1 : 0;
			}
			assertEquals(sent.size(), right, "every customer got their tier's best offer");
			double bestRevenue = trueRevenue(chosen);
			double bestSingle = 0;
			table.append(String.format(Locale.ROOT, "seed %d: best offer %.0f (%d messages)", seed, bestRevenue, sent.size()));
			for (String offer : OFFERS) {
				Path single = journey("single-" + offer, WITHOUT_MODEL.matcher(template).replaceAll(""), "\"" + offer + "\"");
				Path out = simulate(single, people, market, seed, offer + "-" + seed);
				assertEquals(sent.size(), actions(out).size(), "as many messages");
				double revenue = trueRevenue(out);
				bestSingle = Math.max(bestSingle, revenue);
				table.append(String.format(Locale.ROOT, ", %s %.0f", offer, revenue));
			}
			table.append('\n');
			assertTrue(bestRevenue > 1.08 * bestSingle, table.toString());
		}
		System.out.println("True expected revenue, best offer against each single offer:\n" + table);
	}

	@Test
	void runAndSimulateChooseTheSameOffersForTheSameLog() throws IOException, URISyntaxException {
		String template = Files.readString(resource("best-offer.journey"));
		Path journey = journey("some-explore", template, CHOICE + " explore 30%");
		InProcessCli.succeeding("train", "offers", journey.toString(), "--events", priorLog(dir, new Random(5), 300).toString(),
				"--offer-event", "offer_sent", "--outcome", "purchase", "--value", "amount", "--within", "7d");
		Path visits = population(new Random(9), new HashMap<>(), "visits-run", 600);
		Path ran = dir.resolve("ran");
		Path simulated = dir.resolve("simulated");
		InProcessCli.succeeding("run", journey.toString(), "--events", visits.toString(), "--out", ran.toString(), "--to", "2025-04-20",
				"--no-progress");
		InProcessCli.succeeding("simulate", journey.toString(), "--events", visits.toString(), "--out", simulated.toString(),
				"--to", "2025-04-20", "--no-progress");
		// run's workers write in their own order: the same lines, sorted
		List<String> fromRun = Files.readAllLines(ran.resolve("actions.jsonl")).stream().sorted().toList();
		List<String> fromSimulate = Files.readAllLines(simulated.resolve("actions.jsonl")).stream().sorted().toList();
		assertEquals(600, fromRun.size());
		assertTrue(fromRun.equals(fromSimulate), "run and simulate wrote different actions");
		long explored = fromRun.stream().filter(line -> line.contains("\"couponChosenBy\":\"explore\"")).count();
		long modelled = fromRun.stream().filter(line -> line.contains("\"couponChosenBy\":\"model\"")).count();
		assertEquals(600, explored + modelled);
		assertTrue(explored > 120 && explored < 240, "about 30% explored: " + explored);
	}

	@Test
	void serveChoosesTheSameOffersAsSimulateForTheSameEvents() throws Exception {
		// live, the offer goes when the customer browses after their visit (no hour to wait)
		String template = Files.readString(resource("best-offer.journey")).replace("after 1 hour -> Offered", "on browse -> Offered")
				.replace("event offer_sent", "event browse { x: decimal }\n  event offer_sent");
		Path journey = journey("live", template, CHOICE + " explore 30%");
		InProcessCli.succeeding("train", "offers", journey.toString(), "--events", priorLog(dir, new Random(5), 300).toString(),
				"--offer-event", "offer_sent", "--outcome", "purchase", "--value", "amount", "--within", "7d");
		Random random = new Random(13);
		StringBuilder events = new StringBuilder();
		long at = Instant.now().minusSeconds(120).toEpochMilli();
		int customers = 40;
		for (int c = 0; c < customers; c++) {
			boolean gold = random.nextInt(10) < 3;
			events.append(line("s" + c, at + c * 100L, "visit", "\"tier\":\"" + (gold ? "gold" : "basic") + "\",\"gold\":" + (gold ? 1 : 0)));
			events.append(line("s" + c, at + c * 100L + 1_000, "browse", "\"x\":0"));
		}
		Path log = dir.resolve("live.jsonl");
		Files.writeString(log, events);
		Path state = dir.resolve("serve-state");
		List<String> served;
		try (ServeProcess server = ServeProcess.start(journey, state, List.of())) {
			String body = "[" + String.join(",", events.toString().strip().split("\n")) + "]";
			java.net.http.HttpResponse<String> answer = server.post("/v1/events", "application/json", body, null);
			assertEquals(200, answer.statusCode(), answer.body());
			Path actions = state.resolve(io.itinera.serve.LiveServer.OUTPUT).resolve("actions.jsonl");
			long deadline = System.nanoTime() + 60_000_000_000L;
			while ((!Files.exists(actions) || Files.readAllLines(actions).size() < customers) && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			served = Files.readAllLines(actions).stream().sorted().toList();
		}
		Path simulated = dir.resolve("live-simulated");
		InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--out", simulated.toString(), "--no-progress");
		List<String> replayed = Files.readAllLines(simulated.resolve("actions.jsonl")).stream().sorted().toList();
		assertEquals(customers, served.size(), String.join("\n", served));
		assertTrue(served.stream().allMatch(line -> line.contains("\"couponChosenBy\":")), served.get(0));
		assertEquals(offers(replayed), offers(served));
	}

	/** Each action's customer, offer and how it was chosen. */
	private static List<String> offers(List<String> lines) throws IOException {
		List<String> offers = new java.util.ArrayList<>();
		for (String line : lines) {
			JsonNode action = JSON.readTree(line);
			offers.add(action.get("customer").asText() + " " + action.get("params").get("coupon").asText() + " "
					+ action.get("params").get("couponChosenBy").asText());
		}
		return offers.stream().sorted().toList();
	}

	private Path resource(String name) throws URISyntaxException {
		return Path.of(getClass().getResource("/market/" + name).toURI());
	}

	private Path journey(String name, String template, String offer) throws IOException {
		Path file = dir.resolve(name + ".journey");
		Files.writeString(file, template.replace("OFFER", offer));
		return file;
	}

	/** One visit per customer over 30 days; 30% gold. */
	private Path population(Random random, Map<String, String> tiers, String name) throws IOException {
		return population(random, tiers, name, CUSTOMERS);
	}

	private Path population(Random random, Map<String, String> tiers, String name, int customers) throws IOException {
		StringBuilder csv = new StringBuilder("customer,time,type,tier,gold\n");
		long at = START.toEpochMilli();
		for (int c = 0; c < customers; c++) {
			at += 1 + random.nextInt(10 * 60_000);
			boolean gold = random.nextInt(10) < 3;
			tiers.put("c" + c, gold ? "gold" : "basic");
			csv.append('c').append(c).append(',').append(Instant.ofEpochMilli(at)).append(",visit,").append(gold ? "gold,1" : "basic,0")
					.append('\n');
		}
		Path file = dir.resolve(name + ".csv");
		Files.writeString(file, csv);
		return file;
	}

	/**
	 * A small log of past offers in {@code dir}, each a visit, an offer_sent with a random coupon and, sometimes, a
	 * purchase (also the cold-start log of {@link ChoiceRegretTest}).
	 */
	static Path priorLog(Path dir, Random random, int customers) throws IOException {
		StringBuilder lines = new StringBuilder();
		long at = START.minusSeconds(90 * 86_400L).toEpochMilli();
		for (int c = 0; c < customers; c++) {
			at += 60_000;
			boolean gold = random.nextInt(10) < 3;
			String coupon = OFFERS.get(random.nextInt(3));
			lines.append(line("p" + c, at, "visit", "\"tier\":\"" + (gold ? "gold" : "basic") + "\",\"gold\":" + (gold ? 1 : 0)));
			lines.append(line("p" + c, at + 3_600_000, "offer_sent", "\"coupon\":\"" + coupon + "\""));
			if (random.nextInt(10) < 2) {
				lines.append(line("p" + c, at + 86_400_000, "purchase", "\"amount\":40,\"coupon\":\"" + coupon + "\""));
			}
		}
		Path file = dir.resolve("prior.jsonl");
		Files.writeString(file, lines);
		return file;
	}

	static String line(String customer, long at, String type, String fields) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + Instant.ofEpochMilli(at) + "\",\"type\":\"" + type + "\"," + fields + "}\n";
	}

	private Path simulate(Path journey, Path visits, String market, int seed, String name) throws IOException {
		Path marketFile = dir.resolve("market-" + seed + ".json");
		Files.writeString(marketFile, market.replace("\"seed\": 11", "\"seed\": " + seed));
		Path out = dir.resolve(name);
		String said = InProcessCli.succeeding("simulate", journey.toString(), "--events", visits.toString(), "--market",
				marketFile.toString(), "--to", "2025-04-20", "--out", out.toString(), "--no-progress");
		assertTrue(said.contains("Market (seed " + seed + ")"), said);
		return out;
	}

	private static List<JsonNode> actions(Path out) throws IOException {
		List<JsonNode> actions = new java.util.ArrayList<>();
		for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
			actions.add(JSON.readTree(line));
		}
		return actions;
	}

	/** The market's true expected revenue of the messages sent (market.json: the sum over its responses). */
	private static double trueRevenue(Path out) throws IOException {
		double sum = 0;
		for (JsonNode entry : JSON.readTree(out.resolve(MarketRun.FIGURES).toFile()).get("responses")) {
			sum += entry.get("trueRevenue").asDouble();
		}
		return sum;
	}
}
