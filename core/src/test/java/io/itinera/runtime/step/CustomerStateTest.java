package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.CampaignRules;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerStateTest {
	static final long T0 = 1_750_000_000_000L;

	@Test
	void aFreshStateRoundTrips() {
		CustomerState state = CustomerState.initial("c-ß-1");
		assertEquals(state, CustomerState.fromBytes(state.toBytes()));
		assertNull(CustomerState.fromBytes(state.toBytes()).stage());
	}

	@Test
	void everyPartRoundTrips() {
		PlanStep step = new PlanStep(SamplePlans.cartRecovery(), CampaignRules.NONE);
		CustomerState state = step.initialState("c1");
		step.applyInPlace(state, new Event("c1", T0 - 3_600_000L, "product_view", Map.of("price", 12.5, "category", "shoes")));
		step.applyInPlace(state, new Event("c1", T0, "cart_add", Map.of("price", 99.0)));
		step.applyInPlace(state, new ScoreUpdate("c1", "intent", 0.42, T0 + 1));
		new CustomerSeeder(step).setAttribute(state, "email", "a@b.c");
		new CustomerSeeder(step).setAttribute(state, "tier", 3L);
		state.addTag("vip");
		state.putExtension("caps", new byte[] { 1, 2, 3 });
		state.firedTriggers[0] = 1L;

		byte[] bytes = state.toBytes();
		CustomerState back = CustomerState.fromBytes(bytes);
		assertEquals(state, back);
		assertArrayEquals(bytes, back.toBytes());
		assertEquals("Carted", back.stage());
		assertEquals(state.pendingTimers(), back.pendingTimers());
		assertEquals(0.42, back.score(0));
		assertEquals("a@b.c", back.attribute(0));
		assertEquals(3L, back.attribute(1));
		assertTrue(back.tags().contains("vip"));
		assertArrayEquals(new byte[] { 1, 2, 3 }, back.extension("caps"));
		assertEquals(99.0, new CustomerStateReader(step.plan()).featureValue(back, "cartValue", T0 + 2));
		assertEquals(1.0, new CustomerStateReader(step.plan()).featureValue(back, "views7d", T0 + 2));
		assertTrue(bytes.length < 200, "bytes: " + bytes.length);
	}

	@Test
	void copiesAreIndependent() {
		PlanStep step = new PlanStep(SamplePlans.cartRecovery(), CampaignRules.NONE);
		CustomerState state = step.initialState("c1");
		CustomerState copy = state.copy();
		step.applyInPlace(copy, new Event("c1", T0, "cart_add", Map.of("price", 10.0)));
		assertNotEquals(state, copy);
		assertEquals(0.0, new CustomerStateReader(step.plan()).featureValue(state, "cartValue", T0));
	}

	@Test
	void refusesBytesOfAnotherVersionOrTruncated() {
		byte[] bytes = CustomerState.initial("c1").toBytes();
		bytes[0] = 99;
		var error = assertThrows(IllegalArgumentException.class, () -> CustomerState.fromBytes(bytes));
		assertTrue(error.getMessage().contains("version 99"), error.getMessage());
		byte[] good = CustomerState.initial("c1").toBytes();
		assertThrows(IllegalArgumentException.class, () -> CustomerState.fromBytes(java.util.Arrays.copyOf(good, 4)));
	}
}
