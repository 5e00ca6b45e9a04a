package io.itinera.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.step.CustomerSeeder;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness over the real driver and the sample journey's real step function. */
class StepHarnessTest {
	private static final long HOUR = 3_600_000L;
	private static final long T0 = 20_000 * 86_400_000L + 12 * HOUR;

	private final StepHarness harness = StepHarness.of(new PlanStep(SamplePlans.cartRecovery(), CampaignRules.NONE));

	private static Event cartAdd(String customer, long at) {
		return new Event(customer, at, "cart_add", Map.of("price", 20.0));
	}

	@Test
	void anEventIsAppliedAndItsTimersWait() {
		harness.event(cartAdd("c1", T0));
		assertEquals("Carted", harness.state("c1").stage());
		assertEquals(List.of(new TimerRequest("c1", "Carted#1@" + T0, T0 + HOUR)), harness.timers("c1"));
		assertEquals(1, harness.stageChanges().size());
	}

	@Test
	void movingTimeOnFiresTheDueTimersAtTheirOwnMoment() {
		harness.event(cartAdd("c1", T0));
		harness.event(cartAdd("c2", T0 + HOUR / 2));
		harness.takeApplied();
		harness.advanceTo(T0 + HOUR);
		List<StageChange> changes = harness.stageChanges();
		assertEquals(1, changes.size(), changes.toString());
		assertEquals("c1", changes.get(0).customerId());
		assertEquals("Abandoned", changes.get(0).to());
		assertEquals(T0 + HOUR, changes.get(0).at());
		assertEquals("Carted", harness.state("c2").stage(), "c2's hour is not over");
	}

	@Test
	void anEventEarlierThanWhatWasAppliedIsLateAndChangesNothing() {
		harness.event(cartAdd("c1", T0));
		harness.advanceTo(T0 + HOUR);
		harness.takeApplied();
		harness.event(new Event("c1", T0 + 1, "purchase", Map.of("amount", 5.0, "items", 1L, "gift", false)));
		assertEquals(1, harness.lateEvents().size());
		assertEquals(2, harness.lateEvents().get(0).line());
		assertTrue(harness.applied().isEmpty());
		assertEquals("Abandoned", harness.state("c1").stage());
	}

	@Test
	void aChangeMadeOutsideTheStepSetsItsTimers() {
		PlanStep step = new PlanStep(SamplePlans.cartRecovery(), CampaignRules.NONE);
		StepHarness placed = StepHarness.of(step);
		CustomerState state = placed.state("c1");
		placed.take("c1", new CustomerSeeder(step).placeInStage(state, "Abandoned", T0));
		assertSame(state, placed.state("c1"));
		assertEquals("Abandoned", placed.state("c1").stage());
		placed.advanceTo(T0 + 3 * 86_400_000L);
		assertEquals("Lapsed", placed.state("c1").stage());
	}

	@Test
	void anInputTheStepFailsOnIsThrownToTheTest() {
		JourneyStep failing = new JourneyStep() {
			@Override
			public CustomerState initialState(String customerId) {
				return CustomerState.initial(customerId);
			}

			@Override
			public StepResult apply(CustomerState state, StepInput input) {
				throw new IllegalStateException("cannot");
			}
		};
		StepHarness harness = StepHarness.of(failing);
		assertThrows(IllegalStateException.class, () -> harness.event(cartAdd("c1", T0)));
	}
}
