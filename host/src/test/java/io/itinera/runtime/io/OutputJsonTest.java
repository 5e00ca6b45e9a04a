package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputJsonTest {
	@Test
	void anActionKeepsItsKeyOrderAndSortsParamsAndScores() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("z", "last \"quoted\"");
		params.put("a", null);
		Map<String, Double> scores = new LinkedHashMap<>();
		scores.put("intent", 0.8125);
		scores.put("churn", 1.0E-5);
		ActionRecord action = new ActionRecord("a1", "c1", 0, "Rescue", "Plain", "send", null, "cart_reminder", params, scores)
				.inJourney("Cart").withVersion("abc");
		assertEquals("{\"id\":\"" + action.id() + "\",\"customer\":\"c1\",\"time\":\"1970-01-01T00:00:00Z\",\"campaign\":\"Rescue\","
				+ "\"rule\":\"Plain\",\"kind\":\"send\",\"channel\":null,\"target\":\"cart_reminder\","
				+ "\"params\":{\"a\":null,\"z\":\"last \\\"quoted\\\"\"},\"scores\":{\"churn\":1.0E-5,\"intent\":0.8125},"
				+ "\"journey\":\"Cart\",\"version\":\"abc\"}", OutputJson.action(action));
	}

	@Test
	void aStageChangeOfAJourneyAloneHasNoJourneyOrVersion() {
		assertEquals("{\"customer\":\"c1\",\"time\":\"1970-01-01T00:00:01Z\",\"from\":null,\"to\":\"Carted\",\"cause\":\"entry:cart_add\"}",
				OutputJson.stageChange(new StageChange("c1", 1_000, null, "Carted", "entry:cart_add")));
	}

	@Test
	void aHeldNoticeSaysUntilWhen() {
		DeliveryNotice held = new DeliveryNotice("c1", 0, "a1", "Rescue", "Plain", "push", "cart_reminder",
				DeliveryOutcome.HELD_BY_QUIET_HOURS, 3_600_000);
		assertEquals("{\"action\":\"a1\",\"customer\":\"c1\",\"time\":\"1970-01-01T00:00:00Z\",\"campaign\":\"Rescue\","
				+ "\"rule\":\"Plain\",\"channel\":\"push\",\"target\":\"cart_reminder\",\"outcome\":\"HELD_BY_QUIET_HOURS\","
				+ "\"releaseAt\":\"1970-01-01T01:00:00Z\"}", OutputJson.notice(held));
	}
}
