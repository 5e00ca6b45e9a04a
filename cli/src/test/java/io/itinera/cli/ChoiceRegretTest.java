package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulate report's regret rows for an auto-winner split and for a best offer ({@code simulate --market}):
 * each row's figures equal a recount made here from {@code actions.jsonl} and the market file's true
 * probabilities (first matching entry, open × click × purchase, times the amount for revenue), as chosen and
 * with each arm or offer for the same messages; the HTML report lists them.
 */
class ChoiceRegretTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
	private static final List<String> OFFERS = List.of("SAVE5", "SAVE10", "FREESHIP");

	@TempDir
	Path dir;

	@Test
	void anAutoWinnerSplitsRowIsItsArmsExpectedConversionsAgainstEachArmAlone() throws IOException, URISyntaxException {
		Path journey = resource("/autowin/offers.journey");
		Path market = resource("/autowin/offers-market.json");
		Map<String, String> tiers = new HashMap<>();
		Path log = visits(new Random(3), 1500, "", tiers);
		Path out = dir.resolve("split");
		InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--market", market.toString(), "--to",
				"2025-04-10", "--out", out.toString(), "--no-progress");
		JsonNode responses = JSON.readTree(market.toFile()).get("responses");
		Map<String, Double> always = new LinkedHashMap<>(Map.of("SaveFive", 0.0, "SaveTen", 0.0));
		double chosen = 0;
		long messages = 0;
		for (JsonNode action : actions(out)) {
			Map<String, String> keys = Map.of("campaign", action.get("campaign").asText());
			chosen += expected(responses, keys)[0];
			always.replaceAll((arm, sum) -> sum + expected(responses, Map.of("campaign", arm))[0]);
			messages++;
		}
		JsonNode row = decision(out, "auto winner");
		assertEquals("split Offers", row.get("name").asText());
		assertEquals(1500, messages, "an offer to every customer");
		assertRow(row, messages, chosen, always, "SaveTen");
	}

	@Test
	void aBestOffersRowIsItsExpectedRevenueAgainstEachSingleOffer() throws IOException, URISyntaxException {
		String template = Files.readString(resource("/market/best-offer.journey"));
		Path journey = dir.resolve("explore.journey");
		Files.writeString(journey, template.replace("OFFER", "best of OfferValue among \"SAVE5\", \"SAVE10\", \"FREESHIP\" explore 50%"));
		Path market = resource("/market/best-offer-market.json");
		Path prior = BestOfferMarketTest.priorLog(dir, new Random(5), 200);
		String trained = InProcessCli.succeeding("train", "offers", journey.toString(), "--events", prior.toString(),
				"--offer-event", "offer_sent", "--outcome", "purchase", "--value", "amount", "--within", "7d");
		assertTrue(trained.contains("wrote"), trained);
		Map<String, String> tiers = new HashMap<>();
		Path log = visits(new Random(4), 800, ",tier,gold", tiers);
		Path out = dir.resolve("offer");
		InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--market", market.toString(), "--to",
				"2025-04-10", "--out", out.toString(), "--no-progress");
		JsonNode responses = JSON.readTree(market.toFile()).get("responses");
		Map<String, Double> always = new LinkedHashMap<>();
		OFFERS.forEach(offer -> always.put(offer, 0.0));
		double chosen = 0;
		long messages = 0;
		for (JsonNode action : actions(out)) {
			String tier = tiers.get(action.get("customer").asText());
			double[] asChosen = expected(responses, Map.of("param.coupon", action.get("params").get("coupon").asText(), "attribute.tier", tier));
			chosen += asChosen[0] * asChosen[1];
			always.replaceAll((offer, sum) -> {
				double[] instead = expected(responses, Map.of("param.coupon", offer, "attribute.tier", tier));
				return sum + instead[0] * instead[1];
			});
			messages++;
		}
		JsonNode row = decision(out, "best offer");
		assertEquals("Offer / Best offer: coupon = best of OfferValue", row.get("name").asText());
		assertEquals(800, messages, "an offer to every customer");
		assertRow(row, messages, chosen, always, "FREESHIP");
	}

	private void assertRow(JsonNode row, long messages, double chosen, Map<String, Double> always, String best) throws IOException {
		assertEquals(messages, row.get("decisions").asLong());
		assertEquals(chosen, row.get("chosen").asDouble(), 1e-6);
		assertEquals("always " + best, row.get("bestFixedChoice").asText());
		assertEquals(always.get(best), row.get("bestFixed").asDouble(), 1e-6);
		assertEquals(always.get(best) - chosen, row.get("regret").asDouble(), 1e-6);
		assertEquals(always.size(), row.get("others").size());
		for (JsonNode other : row.get("others")) {
			String choice = other.get("choice").asText().substring("always ".length());
			assertEquals(always.get(choice), other.get("value").asDouble(), 1e-6, choice);
		}
		assertTrue(always.values().stream().allMatch(value -> value <= always.get(best)), always.toString());
	}

	private JsonNode decision(Path out, String kind) throws IOException {
		JsonNode decisions = JSON.readTree(out.resolve("report.json").toFile()).get("learning").get("decisions");
		String html = Files.readString(out.resolve("report.html"));
		for (JsonNode decision : decisions) {
			if (kind.equals(decision.get("kind").asText())) {
				assertTrue(html.contains(decision.get("bestFixedChoice").asText()) && html.contains("<td>" + kind + "</td>"),
						"the HTML report lists the row");
				return decision;
			}
		}
		assertNotNull(null, "no " + kind + " row in " + decisions);
		return null;
	}

	/** The first market entry whose keys all hold: {open × click × purchase, mean amount}. */
	private static double[] expected(JsonNode responses, Map<String, String> keys) {
		for (JsonNode response : responses) {
			boolean matches = true;
			for (Iterator<Map.Entry<String, JsonNode>> it = response.get("match").fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> key = it.next();
				matches &= key.getValue().asText().equals(keys.get(key.getKey()));
			}
			if (matches) {
				double amount = response.has("amount") ? response.get("amount").asDouble() : 0;
				return new double[] {response.get("open").asDouble() * response.get("click").asDouble()
						* response.get("purchase").asDouble(), amount};
			}
		}
		return new double[] {0, 0};
	}

	/** One visit per customer over 30 days; with {@code tierColumns}, 30% gold. */
	private Path visits(Random random, int customers, String tierColumns, Map<String, String> tiers) throws IOException {
		StringBuilder csv = new StringBuilder("customer,time,type" + tierColumns + "\n");
		long at = START.toEpochMilli();
		for (int c = 0; c < customers; c++) {
			at += 1 + random.nextInt(30 * 60_000);
			boolean gold = random.nextInt(10) < 3;
			tiers.put("c" + c, gold ? "gold" : "basic");
			csv.append('c').append(c).append(',').append(Instant.ofEpochMilli(at)).append(",visit")
					.append(tierColumns.isEmpty() ? "" : gold ? ",gold,1" : ",basic,0").append('\n');
		}
		Path file = dir.resolve("visits-" + customers + ".csv");
		Files.writeString(file, csv);
		return file;
	}


	private Path resource(String name) throws URISyntaxException {
		return Path.of(getClass().getResource(name).toURI());
	}

	private static List<JsonNode> actions(Path out) throws IOException {
		List<JsonNode> actions = new java.util.ArrayList<>();
		for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
			actions.add(JSON.readTree(line));
		}
		return actions;
	}
}
