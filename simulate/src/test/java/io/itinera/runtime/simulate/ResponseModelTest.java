package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.step.ActionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The market file: which entry answers a message, and the true probabilities by hour and attribute. */
class ResponseModelTest {
	private static final String NIGHT = "[2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]";
	private static final String DAY = "[0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,1,1,1,1,1,1,1,1,1,1,1,1,0.5,0.5,0.5,0.5]";

	@TempDir
	Path dir;

	private ResponseModel model(String responses) throws IOException {
		Path file = dir.resolve("market.json");
		Files.writeString(file, """
				{ "seed": 1, "events": { "purchase": "purchase" },
				  "delays": { "open": {"min": "1m", "max": "1h"}, "click": {"min": "30s", "max": "1m"}, "purchase": {"min": "1h", "max": "2d"} },
				  "responses": %s,
				  "hours": [ { "when": {"attribute": "tier", "value": "owl"}, "open": %s }, { "open": %s } ],
				  "multipliers": [ { "attribute": "tier", "value": "gold", "purchase": 3 }, { "attribute": "country", "value": "FR", "click": 0.5 } ] }
				""".formatted(responses, NIGHT, DAY));
		return ResponseModel.read(file);
	}

	private static ActionRecord send(String campaign, Map<String, String> params) {
		return new ActionRecord("a1", "c1", 0, campaign, "r", "send", "email", "offer", params, Map.of());
	}

	@Test
	void theFirstMatchingEntryAnswersAndAMessageNoneMatchesGetsNoAnswer() throws IOException {
		ResponseModel model = model("""
				[ { "match": {"campaign": "A", "param.coupon": "SAVE10"}, "open": 0.4, "click": 0.5, "purchase": 0.2 },
				  { "match": {"campaign": "A"}, "open": 0.3, "click": 0.5, "purchase": 0.1 } ]""");
		assertEquals(0, model.responseTo(send("A", Map.of("coupon", "SAVE10"))).index());
		assertEquals(1, model.responseTo(send("A", Map.of("coupon", "SAVE5"))).index());
		assertNull(model.responseTo(send("B", Map.of())));
		assertNull(model.responseTo(new ActionRecord("a2", "c1", 0, "A", "r", "tag", null, "vip", Map.of(), Map.of())));
	}

	@Test
	void theHourCurveOfTheCustomersGroupAndTheirMultipliersScaleTheRates() throws IOException {
		ResponseModel model = model("[ { \"open\": 0.4, \"click\": 0.5, \"purchase\": 0.2 } ]");
		ResponseModel.Response every = model.responseTo(send("X", Map.of()));
		Map<String, Object> goldFrench = Map.of("tier", "gold", "country", "FR");
		assertArrayEquals(new double[] { 0.2, 0.25, 0.6 }, model.probabilities(every, goldFrench::get, 3), 1e-12);
		assertArrayEquals(new double[] { 0.4, 0.25, 0.6 }, model.probabilities(every, goldFrench::get, 12), 1e-12);
		Map<String, Object> owl = Map.of("tier", "owl");
		assertArrayEquals(new double[] { 0.8, 0.5, 0.2 }, model.probabilities(every, owl::get, 3), 1e-12, "owls' own curve");
		Map<String, Object> nobody = Map.of();
		assertArrayEquals(new double[] { 0.4, 0.5, 0.2 }, model.probabilities(every, nobody::get, 12), 1e-12);
	}

	@Test
	void anEntryMayNameTheCustomersAttributeSoASegmentAnswersAnOfferItsOwnWay() throws IOException {
		ResponseModel model = model("""
				[ { "match": {"param.coupon": "SAVE10", "attribute.tier": "gold"}, "open": 0.5, "click": 0.5, "purchase": 0.6 },
				  { "match": {"param.coupon": "SAVE10"}, "open": 0.5, "click": 0.5, "purchase": 0.2 } ]""");
		Map<String, Object> gold = Map.of("tier", "gold");
		Map<String, Object> basic = Map.of("tier", "basic");
		ActionRecord save10 = send("A", Map.of("coupon", "SAVE10"));
		assertEquals(0, model.responseTo(save10, gold::get).index());
		assertEquals(1, model.responseTo(save10, basic::get).index());
		assertEquals(1, model.responseTo(save10, name -> null).index(), "a customer without the attribute");
		assertEquals(1, model.responseTo(save10).index());
	}

	@Test
	void aProbabilityAboveOneIsCappedAndAWrongFileNamesTheFieldAndTheFix() throws IOException {
		ResponseModel model = model("[ { \"open\": 0.9, \"click\": 0.5, \"purchase\": 0.5 } ]");
		Map<String, Object> gold = Map.of("tier", "gold");
		assertEquals(1.0, model.probabilities(model.responseTo(send("X", Map.of())), gold::get, 12)[2]);
		IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
				() -> model("[ { \"open\": 1.4, \"click\": 0.5, \"purchase\": 0.5 } ]"));
		assertTrue(wrong.getMessage().contains("market.json: responses[0].open is 1.4, not a probability"), wrong.getMessage());
		IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
				() -> model("[ { \"match\": {\"colour\": \"red\"}, \"open\": 1, \"click\": 0.5, \"purchase\": 0.5 } ]"));
		assertTrue(key.getMessage().contains("responses[0].match.colour is not a message's key"), key.getMessage());
	}
}
