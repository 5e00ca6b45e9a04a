package io.itinera.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlanJsonTest {
	@Test
	void planSurvivesJsonExactly() {
		JourneyPlan plan = SamplePlans.cartRecovery();
		String json = PlanJson.write(plan);
		JourneyPlan back = PlanJson.read(json);
		assertEquals(plan, back);
		assertEquals(json, PlanJson.write(back));
	}

	@Test
	void theGoalValueSurvivesAndOldPlansReadWithout() {
		String json = PlanJson.write(SamplePlans.cartRecovery());
		assertTrue(json.contains("\"valueField\" : \"amount\""), json);
		String before = json.replaceFirst("\"valueField\" : \"amount\",\\s*", "");
		assertEquals(null, PlanJson.read(before).goal().valueField());
		assertEquals(7 * SamplePlans.DAY, PlanJson.read(before).goal().windowMillis());
	}

	@Test
	void jsonCarriesItsFormatVersion() {
		String json = PlanJson.write(SamplePlans.cartRecovery());
		assertTrue(json.contains("\"formatVersion\" : " + JourneyPlan.FORMAT_VERSION), json);
	}

	@Test
	void refusesANewerFormat() {
		String json = PlanJson.write(SamplePlans.cartRecovery()).replaceFirst("\"formatVersion\" : 1", "\"formatVersion\" : 99");
		var error = assertThrows(PlanJson.PlanFormatException.class, () -> PlanJson.read(json));
		assertTrue(error.getMessage().contains("recompile"), error.getMessage());
	}

	@Test
	void refusesTextThatIsNoPlan() {
		assertThrows(PlanJson.PlanFormatException.class, () -> PlanJson.read("{\"name\": \"x\"}"));
		assertThrows(PlanJson.PlanFormatException.class, () -> PlanJson.read("not json"));
	}
}
