package io.itinera.runtime.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import io.itinera.runtime.step.WorkspaceState;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Steps that compose: a workspace of pinned journeys and a workspace of switching journeys are
 * stacks of the same steps (PinnedVersionsStepTest's two versions of cart recovery), and {@link
 * StepResult#then} is the one way a step's effects follow another's.
 */
class StackedStepsTest {
	private static final long HOUR = PinnedVersionsStepTest.HOUR;
	private static final long T0 = PinnedVersionsStepTest.T0;
	private static final PlanStep OLD_STEP = PinnedVersionsStepTest.OLD_STEP;
	private static final PlanStep NEW_STEP = PinnedVersionsStepTest.NEW_STEP;
	private static final String JOURNEY = OLD_STEP.plan().name() + "/";

	@Test
	void aWorkspaceOfPinnedVersionsRunsAPinnedCustomerOnHerVersionAndNamesJourneyAndVersion() {
		WorkspaceStep workspace = new WorkspaceStep(List.of(new PinnedVersionsStep(NEW_STEP, "new", Map.of("old", OLD_STEP))),
				WorkspaceSettings.NONE);
		// in Carted on the old version, pinned to it, as run --pin-old leaves her
		CustomerState part = OLD_STEP.initialState("c1");
		OLD_STEP.applyInPlace(part, new Event("c1", T0, "cart_add", Map.of("price", 20.0)));
		PlanVersion.pin(part, "old");
		WorkspaceState state = WorkspaceState.of("c1", new String[] {OLD_STEP.plan().name()}, new CustomerState[] {part});

		StepResult result = workspace.applyInPlace(state, new TimerFired("c1", JOURNEY + "Carted#1@" + T0, T0 + HOUR));
		assertEquals("Abandoned", ((WorkspaceState) result.state()).part(0).stage(), "the old version's 1-hour timer moved her");
		StageChange change = result.stageChanges().get(0);
		assertEquals(OLD_STEP.plan().name(), change.journey());
		assertEquals("old", change.version());
		assertTrue(result.timersToSet().stream().allMatch(timer -> timer.timerId().startsWith(JOURNEY)), result.timersToSet().toString());

		// a new customer enters the current version (its Carted waits 2 hours, timer index 0)
		WorkspaceState fresh = (WorkspaceState) workspace.initialState("c2");
		StepResult entered = workspace.applyInPlace(fresh, new Event("c2", T0, "cart_add", Map.of("price", 5.0)));
		assertEquals(List.of(new TimerRequest("c2", JOURNEY + "Carted#0@" + T0, T0 + 2 * HOUR)), entered.timersToSet());
		assertEquals("new", entered.stageChanges().get(0).version());
		assertNull(PlanVersion.pinnedTo(fresh.part(0)));
	}

	@Test
	void aWorkspaceOfSwitchingJourneysSwitchesEachCustomerByANamespacedTimer() {
		long switchAt = T0 + 30 * 60_000L;
		WorkspaceStep workspace = new WorkspaceStep(List.of(new SwitchingStep(OLD_STEP, NEW_STEP, switchAt)), WorkspaceSettings.NONE);
		CustomerState state = workspace.initialState("c1");
		StepResult entered = workspace.applyInPlace(state, new Event("c1", T0, "cart_add", Map.of("price", 20.0)));
		assertEquals(List.of(new TimerRequest("c1", JOURNEY + SwitchingStep.TIMER, switchAt),
				new TimerRequest("c1", JOURNEY + "Carted#1@" + T0, T0 + HOUR)), entered.timersToSet());
		StepResult switched = workspace.applyInPlace(state, new TimerFired("c1", JOURNEY + SwitchingStep.TIMER, switchAt));
		assertEquals(List.of(JOURNEY + "Carted#1@" + T0), switched.timersToCancel());
		assertEquals(List.of(new TimerRequest("c1", JOURNEY + "Carted#0@" + T0, T0 + 2 * HOUR)), switched.timersToSet());
	}

	@Test
	void thenJoinsTwoStepsEffectsAndDropsATimerTheLaterOneCancels() {
		CustomerState first = CustomerState.initial("c1");
		CustomerState second = CustomerState.initial("c1");
		StageChange in = new StageChange("c1", T0, null, "A", "entry:e");
		StageChange out = new StageChange("c1", T0, "A", null, "migrate");
		StepResult earlier = new StepResult(first, List.of(), List.of(new TimerRequest("c1", "a", T0 + 1),
				new TimerRequest("c1", "b", T0 + 2)), List.of("old"), List.of(), List.of(in));
		StepResult later = new StepResult(second, List.of(), List.of(new TimerRequest("c1", "c", T0 + 3)), List.of("a"), List.of(),
				List.of(out));
		StepResult both = earlier.then(later);
		assertSame(second, both.state());
		assertEquals(List.of(new TimerRequest("c1", "b", T0 + 2), new TimerRequest("c1", "c", T0 + 3)), both.timersToSet());
		assertEquals(List.of("old", "a"), both.timersToCancel());
		assertEquals(List.of(in, out), both.stageChanges());
	}
}
