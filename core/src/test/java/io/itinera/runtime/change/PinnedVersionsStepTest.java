package io.itinera.runtime.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two versions side by side (CustomerMigrationTest's: Carted's timer 1 hour at index 1 becomes 2 hours
 * at index 0, Converted is gone with {@code Converted -> exit}), and a switch from one to the other.
 */
class PinnedVersionsStepTest {
	static final long HOUR = 3_600_000L;
	static final long T0 = 1_700_000_000_000L;
	static final JourneyPlan OLD = SamplePlans.cartRecovery();
	static final PlanStep OLD_STEP = new PlanStep(OLD, CampaignRules.NONE);
	static final PlanStep NEW_STEP = new PlanStep(CustomerMigrationTest.NEW, CampaignRules.NONE);
	private static final PinnedVersionsStep SIDE_BY_SIDE = new PinnedVersionsStep(NEW_STEP, "new", Map.of("old", OLD_STEP));

	private static CustomerState pinnedInCarted() {
		CustomerState state = OLD_STEP.initialState("c1");
		OLD_STEP.applyInPlace(state, new Event("c1", T0, "cart_add", Map.of("price", 20.0)));
		PlanVersion.pin(state, "old");
		return state;
	}

	@Test
	void aPinnedCustomerOnTheirWayStepsOnTheirVersion() {
		StepResult result = SIDE_BY_SIDE.apply(pinnedInCarted(), new TimerFired("c1", "Carted#1@" + T0, T0 + HOUR));
		assertEquals("Abandoned", result.state().stage(), "the old 1-hour timer moves them");
		assertEquals("old", PlanVersion.pinnedTo(result.state()));
		assertEquals(List.of(new StageChange("c1", T0 + HOUR, "Carted", "Abandoned", "after 1 hour").withVersion("old")),
				result.stageChanges().stream().map(c -> new StageChange(c.customerId(), c.at(), c.from(), c.to(), "after 1 hour")
						.withVersion(c.version())).toList());
	}

	@Test
	void aPinnedCustomerWhoFinishesMovesToTheCurrentVersionInTheSameStep() {
		StepResult result = SIDE_BY_SIDE.apply(pinnedInCarted(), new Event("c1", T0 + 10 * 60_000L, "purchase",
				Map.of("orderId", "o1", "amount", 20.0)));
		assertEquals(null, result.state().stage(), "Converted, then the exit on purchase");
		assertNull(PlanVersion.pinnedTo(result.state()), "finished: on the current version from now on");
		assertTrue(result.stageChanges().stream().allMatch(change -> "old".equals(change.version())), result.stageChanges().toString());
		assertTrue(result.timersToCancel().contains("Carted#1@" + T0));
		// laid out for the new version: its next entry runs on it (2 hours in Carted, timer index 0)
		StepResult again = SIDE_BY_SIDE.apply(result.state(), new Event("c1", T0 + 40 * 24 * HOUR, "cart_add", Map.of("price", 5.0)));
		assertEquals("Carted", again.state().stage());
		assertEquals(List.of(new TimerRequest("c1", "Carted#0@" + (T0 + 40 * 24 * HOUR), T0 + 40 * 24 * HOUR + 2 * HOUR)),
				again.timersToSet());
		assertTrue(again.stageChanges().stream().allMatch(change -> "new".equals(change.version())));
	}

	@Test
	void aSwitchMigratesEachCustomerAtTheSwitchTimeAndTheNewVersionGoesOn() {
		long switchAt = T0 + 30 * 60_000L;
		SwitchingStep step = new SwitchingStep(OLD_STEP, NEW_STEP, switchAt);
		CustomerState state = step.initialState("c1");
		StepResult entered = step.applyInPlace(state, new Event("c1", T0, "cart_add", Map.of("price", 20.0)));
		assertEquals(List.of(new TimerRequest("c1", SwitchingStep.TIMER, switchAt), new TimerRequest("c1", "Carted#1@" + T0, T0 + HOUR)),
				entered.timersToSet(), "the switch comes before any other input at its time");
		StepResult switched = step.applyInPlace(entered.state(), new TimerFired("c1", SwitchingStep.TIMER, switchAt));
		assertEquals(List.of("Carted#1@" + T0), switched.timersToCancel());
		assertEquals(List.of(new TimerRequest("c1", "Carted#0@" + T0, T0 + 2 * HOUR)), switched.timersToSet());
		assertTrue(switched.stageChanges().isEmpty(), "Carted is Carted in both");
		StepResult later = step.applyInPlace(switched.state(), new TimerFired("c1", "Carted#0@" + T0, T0 + 2 * HOUR));
		assertEquals("Abandoned", later.state().stage(), "the new version's timer moves them");
	}
}
