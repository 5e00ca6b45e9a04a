package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.CustomerFact;
import io.itinera.runtime.rules.RuleAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The step function on the CartRecovery plan of DESIGN.md, with the campaign rules mocked. */
@ExtendWith(MockitoExtension.class)
class PlanStepTest {
	static final long MINUTE = 60_000L;
	static final long HOUR = 60 * MINUTE;
	static final long DAY = 24 * HOUR;
	/** Noon UTC: outside the sample campaign's quiet hours (22:00-08:00), which would hold its messages. */
	static final long T0 = 20_000 * DAY + 12 * HOUR;

	@Mock
	CampaignRules rules;

	JourneyPlan plan;
	PlanStep step;

	@BeforeEach
	void setUp() {
		plan = SamplePlans.cartRecovery();
		step = new PlanStep(plan, rules);
	}

	static Event event(String customer, long at, String type, Object... fields) {
		Map<String, Object> values = new java.util.HashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			values.put((String) fields[i], fields[i + 1]);
		}
		return new Event(customer, at, type, values);
	}

	/** A customer id whose arm of the RescueTest split is {@code arm}. */
	String customerInArm(String arm) {
		for (int i = 0;; i++) {
			if (PlanStep.armOf(plan.name(), "c" + i, plan.splits().get(0)).equals(arm)) {
				return "c" + i;
			}
		}
	}

	/** Runs inputs one after the other; returns the last result. */
	StepResult run(CustomerState state, StepInput... inputs) {
		StepResult result = null;
		for (StepInput input : inputs) {
			result = step.applyInPlace(state, input);
		}
		return result;
	}

	@Test
	void entryEventPlacesTheCustomerInTheEntryStageAndNothingMore() {
		CustomerState state = step.initialState("c1");
		StepResult result = step.apply(state, event("c1", T0, "cart_add", "price", 30.0));

		assertEquals(List.of(new StageChange("c1", T0, null, "Carted", "entry:cart_add")), result.stageChanges());
		assertEquals("Carted", result.state().stage());
		assertEquals(List.of(new TimerRequest("c1", "Carted#1@" + T0, T0 + HOUR)), result.timersToSet());
		assertEquals(List.of("Carted#1@" + T0), result.state().pendingTimers());
		assertNull(state.stage(), "apply leaves the given state alone");
	}

	/** Issue 12: {@code entry on purchase} + {@code First { on purchase -> Repeat }} sent every first purchase to Repeat. */
	@Test
	void theEnteringEventIsNotOfferedToTheEntryStagesTransitions() {
		JourneyPlan first = new JourneyPlan(plan.formatVersion(), plan.name(), plan.title(), plan.location(),
				new io.itinera.runtime.plan.Entry("purchase", null, "First", SamplePlans.at(2)), plan.reentry(), List.of(), null,
				plan.attributes(), plan.events(), List.of(), List.of(),
				List.of(new io.itinera.runtime.plan.Stage("First", "purchase",
						List.of(new io.itinera.runtime.plan.Transition.OnEvent("purchase", null, "Repeat", SamplePlans.at(3))),
						SamplePlans.at(3)),
						new io.itinera.runtime.plan.Stage("Repeat", "loyalty", List.of(), SamplePlans.at(4))),
				List.of(), List.of(), List.of());
		PlanStep firstStep = new PlanStep(first, CampaignRules.NONE);
		CustomerState state = firstStep.initialState("c1");
		StepResult entry = firstStep.applyInPlace(state, event("c1", T0, "purchase", "amount", 30.0));
		assertEquals(List.of(new StageChange("c1", T0, null, "First", "entry:purchase")), entry.stageChanges());
		assertEquals("First", state.stage(), "the first purchase places the customer, it does not also move them");
		assertEquals("Repeat", firstStep.applyInPlace(state, event("c1", T0 + DAY, "purchase", "amount", 20.0)).state().stage(),
				"the second purchase is offered to First's transitions");
	}

	@Test
	void anEventBeforeEntryOnlyFeedsFeatures() {
		CustomerState state = step.initialState("c1");
		StepResult result = step.applyInPlace(state, event("c1", T0, "product_view", "price", 10.0, "category", "shoes"));
		assertTrue(result.stageChanges().isEmpty());
		assertFalse(state.inJourney());
		assertEquals(1, new CustomerStateReader(step.plan()).featureValue(state, "views7d", T0));
		assertTrue(result.scoreRequests().isEmpty(), "no scoring for customers outside the journey");
	}

	@Test
	void leavingAStageByEventCancelsItsTimer() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0));
		StepResult result = step.applyInPlace(state, event("c1", T0 + 10 * MINUTE, "purchase", "amount", 30.0));

		assertEquals(List.of("Carted#1@" + T0), result.timersToCancel());
		assertEquals(new StageChange("c1", T0 + 10 * MINUTE, "Carted", "Converted", "event:purchase"),
				result.stageChanges().get(0));
		assertTrue(state.pendingTimers().isEmpty());
	}

	@Test
	void exitTakesTheCustomerOutAfterTheStagesOwnTransition() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0));
		StepResult result = step.applyInPlace(state, event("c1", T0 + 10 * MINUTE, "purchase", "amount", 30.0));

		assertEquals(new StageChange("c1", T0 + 10 * MINUTE, "Converted", null, "exit:purchase"), result.stageChanges().get(1));
		assertNull(state.stage());
		assertEquals("Converted", state.lastStage());
		assertEquals(T0 + 10 * MINUTE, state.lastExitAt());
	}

	@Test
	void exitWorksFromAnyStageAndCancelsPendingTimers() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0), new TimerFired("c1", "Carted#1@" + T0, T0 + HOUR));
		assertEquals("Abandoned", state.stage());
		String abandonedTimer = state.pendingTimers().get(0);
		StepResult result = step.applyInPlace(state, event("c1", T0 + 2 * HOUR, "purchase", "amount", 5.0));
		assertEquals(List.of(new StageChange("c1", T0 + 2 * HOUR, "Abandoned", null, "exit:purchase")), result.stageChanges());
		assertEquals(List.of(abandonedTimer), result.timersToCancel());
	}

	@Test
	void timerMovesTheCustomerAndSetsTheNextStagesTimers() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0));
		StepResult result = step.applyInPlace(state, new TimerFired("c1", "Carted#1@" + T0, T0 + HOUR));

		assertEquals(List.of(new StageChange("c1", T0 + HOUR, "Carted", "Abandoned", "timer:after 1 hour")), result.stageChanges());
		assertEquals(List.of(new TimerRequest("c1", "Abandoned#1@" + (T0 + HOUR), T0 + HOUR + 3 * DAY)), result.timersToSet());
		assertTrue(result.timersToCancel().isEmpty(), "the fired timer is no longer pending");
	}

	@Test
	void aStaleTimerChangesNothing() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0), event("c1", T0 + MINUTE, "purchase", "amount", 1.0));
		CustomerState before = state.copy();
		StepResult result = step.applyInPlace(state, new TimerFired("c1", "Carted#1@" + T0, T0 + HOUR));
		assertTrue(result.stageChanges().isEmpty());
		assertEquals(before, state);
	}

	@Test
	void timersOfAnEarlierVisitToTheSameStageDoNotFire() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0), event("c1", T0 + MINUTE, "purchase", "amount", 1.0),
				event("c1", T0 + 40 * DAY, "cart_add", "price", 30.0));
		assertEquals("Carted", state.stage());
		StepResult stale = step.applyInPlace(state, new TimerFired("c1", "Carted#1@" + T0, T0 + HOUR));
		assertTrue(stale.stageChanges().isEmpty());
		StepResult current = step.applyInPlace(state, new TimerFired("c1", "Carted#1@" + (T0 + 40 * DAY), T0 + 40 * DAY + HOUR));
		assertEquals("Abandoned", current.stageChanges().get(0).to());
	}

	@Test
	void reentryWaitsForItsDelaySinceTheExit() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0), event("c1", T0 + MINUTE, "purchase", "amount", 1.0));
		StepResult tooSoon = step.applyInPlace(state, event("c1", T0 + 10 * DAY, "cart_add", "price", 30.0));
		assertTrue(tooSoon.stageChanges().isEmpty());
		assertFalse(state.inJourney());
		StepResult later = step.applyInPlace(state, event("c1", T0 + MINUTE + 30 * DAY, "cart_add", "price", 30.0));
		assertEquals("entry:cart_add", later.stageChanges().get(0).cause());
		assertEquals(2, state.visits());
	}

	@Test
	void reentryNeverKeepsLeaversOut() {
		JourneyPlan once = withReentry(io.itinera.runtime.plan.Reentry.never(SamplePlans.at(3)));
		PlanStep onceStep = new PlanStep(once, rules);
		CustomerState state = onceStep.initialState("c1");
		onceStep.applyInPlace(state, event("c1", T0, "cart_add", "price", 30.0));
		onceStep.applyInPlace(state, event("c1", T0 + MINUTE, "purchase", "amount", 1.0));
		StepResult result = onceStep.applyInPlace(state, event("c1", T0 + 400 * DAY, "cart_add", "price", 30.0));
		assertTrue(result.stageChanges().isEmpty());
		assertEquals(1, state.visits());
	}

	@Test
	void aCustomerInATerminalStageReentersPerThePolicy() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0), new TimerFired("c1", "Carted#1@" + T0, T0 + HOUR));
		run(state, new TimerFired("c1", state.pendingTimers().get(0), T0 + HOUR + 3 * DAY));
		assertEquals("Lapsed", state.stage());
		assertTrue(step.applyInPlace(state, event("c1", T0 + 5 * DAY, "cart_add", "price", 1.0)).stageChanges().isEmpty());
		StepResult result = step.applyInPlace(state, event("c1", T0 + 40 * DAY, "cart_add", "price", 1.0));
		assertEquals(new StageChange("c1", T0 + 40 * DAY, "Lapsed", null, "completed"), result.stageChanges().get(0));
		assertEquals("entry:cart_add", result.stageChanges().get(1).cause());
	}

	@Test
	void entryConditionMustHold() {
		JourneyPlan picky = new JourneyPlan(plan.formatVersion(), plan.name(), plan.title(), plan.location(),
				new io.itinera.runtime.plan.Entry("cart_add", SamplePlans.binary(io.itinera.runtime.plan.Expr.BinaryOp.GT,
						new io.itinera.runtime.plan.Expr.EventFieldRef("cart_add", "price", SamplePlans.at(2)), SamplePlans.number(50)),
						"Carted", SamplePlans.at(2)),
				plan.reentry(), plan.exits(), plan.goal(), plan.attributes(), plan.events(), plan.features(), plan.models(),
				plan.stages(), plan.campaigns(), plan.splits(), plan.tests());
		PlanStep pickyStep = new PlanStep(picky, rules);
		CustomerState state = pickyStep.initialState("c1");
		assertTrue(pickyStep.applyInPlace(state, event("c1", T0, "cart_add", "price", 20.0)).stageChanges().isEmpty());
		assertEquals("Carted", pickyStep.applyInPlace(state, event("c1", T0 + 1, "cart_add", "price", 80.0)).state().stage());
	}

	@Test
	void goalCountsOnlyWithinItsWindowAndOncePerVisit() {
		CustomerState state = step.initialState("c1");
		run(state, event("c1", T0, "cart_add", "price", 30.0));
		StepResult result = step.applyInPlace(state, event("c1", T0 + 2 * DAY, "purchase", "amount", 30.0));
		assertEquals(List.of(new GoalReached("c1", T0 + 2 * DAY, "purchase", T0, 30.0)), result.goalsReached());
		assertTrue(state.goalReached());

		CustomerState late = step.initialState("c2");
		run(late, event("c2", T0, "cart_add", "price", 30.0), new TimerFired("c2", "Carted#1@" + T0, T0 + HOUR));
		StepResult tooLate = step.applyInPlace(late, event("c2", T0 + 8 * DAY, "purchase", "amount", 30.0));
		assertTrue(tooLate.goalsReached().isEmpty());
		assertFalse(late.goalReached());

		CustomerState free = step.initialState("c3");
		run(free, event("c3", T0, "cart_add", "price", 30.0));
		assertTrue(step.applyInPlace(free, event("c3", T0 + DAY, "purchase", "amount", 0.0)).goalsReached().isEmpty(),
				"the goal's condition (amount > 0) must hold");
	}

	@Test
	void scoreTriggerFiresWhenTheScoreCrossesNotWhileItStaysAbove() {
		CustomerState state = inAbandoned("c1");
		StepResult low = step.applyInPlace(state, new ScoreUpdate("c1", "intent", 0.3, T0 + 2 * HOUR));
		assertTrue(low.stageChanges().isEmpty());
		StepResult high = step.applyInPlace(state, new ScoreUpdate("c1", "intent", 0.7, T0 + 3 * HOUR));
		assertEquals(List.of(new StageChange("c1", T0 + 3 * HOUR, "Abandoned", "HighIntent", "score:when intent > 0.6")),
				high.stageChanges());
		assertEquals(1, high.timersToCancel().size(), "Abandoned's timer goes");
		assertEquals(1, high.timersToSet().size(), "HighIntent's timer comes");
	}

	@Test
	void hysteresisHoldsTheTriggerUntilTheScoreLeavesBelowItsThreshold() {
		// A triggered customer who comes back to Abandoned must not bounce straight to HighIntent.
		CustomerState state = inAbandoned("c1");
		run(state, new ScoreUpdate("c1", "intent", 0.7, T0 + 2 * HOUR));
		assertEquals("HighIntent", state.stage());
		run(state, new ScoreUpdate("c1", "intent", 0.55, T0 + 3 * HOUR)); // below 0.6, not below 0.5
		backToAbandoned(state, T0 + 4 * HOUR);
		assertTrue(step.applyInPlace(state, new ScoreUpdate("c1", "intent", 0.8, T0 + 5 * HOUR)).stageChanges().isEmpty(),
				"no new crossing: the score never left below 0.5");
		run(state, new ScoreUpdate("c1", "intent", 0.45, T0 + 6 * HOUR));
		assertEquals("Abandoned", state.stage());
		StepResult again = step.applyInPlace(state, new ScoreUpdate("c1", "intent", 0.65, T0 + 7 * HOUR));
		assertEquals("HighIntent", again.state().stage());
	}

	/** Puts the customer back in Abandoned directly: the sample journey has no way back there. */
	private void backToAbandoned(CustomerState state, long at) {
		state.stage = "Abandoned";
		state.stageEnteredAt = at;
		state.pendingTimers.clear();
	}

	@Test
	void scoreUpdatesAreKeptOutsideTheJourneyButMoveNoOne() {
		CustomerState state = step.initialState("c1");
		StepResult result = step.applyInPlace(state, new ScoreUpdate("c1", "intent", 0.9, T0));
		assertTrue(result.stageChanges().isEmpty());
		assertEquals(0.9, state.score(0));
	}

	@Test
	void enteringAStageWhileTheScoreIsAlreadyHighFiresTheTrigger() {
		CustomerState state = step.initialState("c1");
		run(state, new ScoreUpdate("c1", "intent", 0.9, T0 - DAY), event("c1", T0, "cart_add", "price", 30.0));
		StepResult result = step.applyInPlace(state, new TimerFired("c1", "Carted#1@" + T0, T0 + HOUR));
		assertEquals(List.of("Abandoned", "HighIntent"), result.stageChanges().stream().map(StageChange::to).toList());
		assertEquals(List.of(new TimerRequest("c1", "HighIntent#0@" + (T0 + HOUR), T0 + HOUR + 2 * DAY)), result.timersToSet(),
				"Abandoned's timer was set and cancelled within the step: only HighIntent's remains pending");
		assertEquals(List.of("HighIntent#0@" + (T0 + HOUR)), state.pendingTimers());
	}

	@Test
	void eventsWhoseFeaturesFeedAModelAskForOneScorePerModel() {
		CustomerState state = step.initialState("c1");
		StepResult entry = step.applyInPlace(state, event("c1", T0, "cart_add", "price", 30.0));
		assertEquals(1, entry.scoreRequests().size());
		ScoreRequest request = entry.scoreRequests().get(0);
		assertEquals("intent", request.model());
		assertEquals(T0, request.at());
		assertEquals(0f, request.inputs()[0]); // views7d
		assertEquals(30f, request.inputs()[1]); // cartValue
		assertTrue(Float.isNaN(request.inputs()[2])); // daysIdle: never purchased

		StepResult view = step.applyInPlace(state, event("c1", T0 + MINUTE, "product_view", "price", 12.0, "category", "x"));
		assertEquals(1, view.scoreRequests().size());
		assertArrayEquals(new float[] { 1f, 30f, Float.NaN }, view.scoreRequests().get(0).inputs());

		StepResult purchase = step.applyInPlace(state, event("c1", T0 + 2 * MINUTE, "purchase", "amount", 5.0));
		assertTrue(purchase.scoreRequests().isEmpty(), "the purchase took the customer out of the journey");
	}

	@Test
	void eventTransitionConditionsReadEventFieldsFeaturesAttributesAndScores() {
		JourneyPlan conditional = ConditionalPlans.vipRouting();
		PlanStep conditionalStep = new PlanStep(conditional, rules);
		CustomerState state = conditionalStep.initialState("c1");
		conditionalStep.applyInPlace(state, event("c1", T0, "visit", "tier", "gold"));
		assertEquals("Start", state.stage());
		conditionalStep.applyInPlace(state, event("c1", T0 + 1, "view", "price", 50.0));
		assertEquals("Start", state.stage(), "price 50 is not over 100");
		conditionalStep.applyInPlace(state, event("c1", T0 + 2, "view", "price", 150.0));
		assertEquals("Start", state.stage(), "views is 2, needs >= 3");
		conditionalStep.applyInPlace(state, new ScoreUpdate("c1", "propensity", 0.1, T0 + 3));
		conditionalStep.applyInPlace(state, event("c1", T0 + 4, "view", "price", 150.0));
		assertEquals("Vip", state.stage(), "price, count and gold tier hold; the first matching transition wins");

		CustomerState silver = conditionalStep.initialState("c2");
		conditionalStep.applyInPlace(silver, event("c2", T0, "visit", "tier", "silver"));
		for (int i = 1; i <= 3; i++) {
			conditionalStep.applyInPlace(silver, event("c2", T0 + i, "view", "price", 150.0));
		}
		assertEquals("Start", silver.stage(), "silver and no score yet");
		conditionalStep.applyInPlace(silver, new ScoreUpdate("c2", "propensity", 0.9, T0 + 5));
		conditionalStep.applyInPlace(silver, event("c2", T0 + 6, "view", "price", 150.0));
		assertEquals("Likely", silver.stage(), "the second transition: score > 0.5");
	}

	@Test
	void campaignRulesRunOnStageEntryWithTheCustomersFacts() {
		String customer = customerInArm("Rescue");
		when(rules.evaluate(any())).thenReturn(List.of(
				new RuleAction("Rescue", "Coupon for big carts", 0, "send", "email", "cart_reminder_coupon", Map.of("coupon", "SAVE10")),
				new RuleAction("Rescue", "Coupon for big carts", 1, "tag", null, "rescued", Map.of())));
		CustomerState state = step.initialState(customer);
		run(state, new ScoreUpdate(customer, "intent", 0.2, T0 - HOUR), event(customer, T0, "cart_add", "price", 150.0));
		StepResult result = step.applyInPlace(state, new TimerFired(customer, "Carted#1@" + T0, T0 + HOUR));

		ArgumentCaptor<CustomerFact> fact = ArgumentCaptor.forClass(CustomerFact.class);
		verify(rules).evaluate(fact.capture());
		assertEquals("Abandoned", fact.getValue().getStage());
		assertTrue(fact.getValue().isStageEntered());
		assertEquals(150.0, fact.getValue().getFeature("cartValue"));
		assertEquals(0.2, fact.getValue().getScore("intent"));
		assertEquals("Rescue", fact.getValue().getSplitArm());
		assertEquals(List.of("Rescue"), fact.getValue().getCampaigns());
		assertNull(fact.getValue().getEvent());

		assertEquals(2, result.actions().size());
		ActionRecord send = result.actions().get(0);
		assertEquals("send", send.kind());
		assertEquals("cart_reminder_coupon", send.target());
		assertEquals(Map.of("intent", 0.2), send.scores(), "the scores the rule's condition read");
		assertEquals(16, send.id().length());
		assertNotEquals(send.id(), result.actions().get(1).id());
		assertTrue(state.tags().contains("rescued"));
	}

	/** Rescue with {@code every 1 day}: rules again each day in the stage, re-armed, cancelled on leaving. */
	@Test
	void aCampaignScheduleRunsItsRulesWhileTheCustomerStaysAndStopsWhenTheyLeave() {
		JourneyPlan base = SamplePlans.cartRecovery();
		List<io.itinera.runtime.plan.Campaign> campaigns = base.campaigns().stream()
				.map(c -> new io.itinera.runtime.plan.Campaign(c.name(), c.stages(), List.of(), null, c.rules(), c.drl(),
						c.location(), DAY))
				.toList();
		plan = new JourneyPlan(base.formatVersion(), base.name(), base.title(), base.location(), base.entry(), base.reentry(),
				base.exits(), base.goal(), base.attributes(), base.events(), base.features(), base.models(), base.stages(),
				campaigns, base.splits(), base.tests());
		step = new PlanStep(plan, rules);
		String customer = customerInArm("Rescue");
		when(rules.evaluate(any())).thenReturn(List.of(
				new RuleAction("Rescue", "Plain reminder", 0, "send", "push", "cart_reminder", Map.of())));
		CustomerState state = step.initialState(customer);
		step.applyInPlace(state, event(customer, T0, "cart_add", "price", 20.0));
		long abandonedAt = T0 + HOUR;
		StepResult entered = step.applyInPlace(state, new TimerFired(customer, "Carted#1@" + T0, abandonedAt));
		String first = "Abandoned#every:Rescue@" + (abandonedAt + DAY);
		assertTrue(entered.timersToSet().contains(new TimerRequest(customer, first, abandonedAt + DAY)), entered.toString());
		assertEquals(1, entered.actions().size(), "rules on entering the stage");

		StepResult again = step.applyInPlace(state, new TimerFired(customer, first, abandonedAt + DAY));
		assertEquals(1, again.actions().size(), "and again a day later");
		String second = "Abandoned#every:Rescue@" + (abandonedAt + 2 * DAY);
		assertEquals(List.of(new TimerRequest(customer, second, abandonedAt + 2 * DAY)), again.timersToSet());
		ArgumentCaptor<CustomerFact> fact = ArgumentCaptor.forClass(CustomerFact.class);
		verify(rules, org.mockito.Mockito.times(2)).evaluate(fact.capture());
		assertFalse(fact.getValue().isStageEntered());
		assertEquals(List.of("Rescue"), fact.getValue().getCampaigns());
		assertTrue(step.apply(state, new TimerFired(customer, first, abandonedAt + DAY)).actions().isEmpty(),
				"a schedule firing that already fired changes nothing");

		StepResult bought = step.applyInPlace(state, event(customer, abandonedAt + DAY + HOUR, "purchase", "amount", 20.0));
		assertFalse(state.inJourney(), "the purchase is an exit");
		assertTrue(bought.timersToCancel().contains(second), "leaving the stage cancels the schedule");
		assertTrue(step.applyInPlace(state, new TimerFired(customer, second, abandonedAt + 2 * DAY)).actions().isEmpty());
	}

	/** {@code goal purchase within 7 days} counts a purchase exactly 7 days after entry, not one a millisecond later. */
	@Test
	void theGoalWindowIncludesItsLastInstant() {
		CustomerState onTime = step.initialState("c1");
		step.applyInPlace(onTime, event("c1", T0, "cart_add", "price", 20.0));
		assertEquals(1, step.applyInPlace(onTime, event("c1", T0 + 7 * DAY, "purchase", "amount", 20.0)).goalsReached().size());
		CustomerState late = step.initialState("c2");
		step.applyInPlace(late, event("c2", T0, "cart_add", "price", 20.0));
		assertEquals(0, step.applyInPlace(late, event("c2", T0 + 7 * DAY + 1, "purchase", "amount", 20.0)).goalsReached().size());
	}

	@Test
	void actionIdsAreTheSameForTheSameInput() {
		when(rules.evaluate(any())).thenReturn(List.of(new RuleAction("Rescue", "Plain reminder", 0, "send", "push", "cart_reminder", Map.of())));
		String customer = customerInArm("Rescue");
		CustomerState one = step.initialState(customer);
		run(one, event(customer, T0, "cart_add", "price", 10.0));
		CustomerState two = one.copy();
		TimerFired fired = new TimerFired(customer, "Carted#1@" + T0, T0 + HOUR);
		assertEquals(step.applyInPlace(one, fired).actions(), step.applyInPlace(two, fired).actions());
	}

	@Test
	void rulesRunOnEachEventWhileInACampaignStage() {
		String customer = customerInArm("Rescue");
		when(rules.evaluate(any())).thenReturn(List.of());
		CustomerState state = inAbandoned(customer);
		step.applyInPlace(state, event(customer, T0 + 2 * HOUR, "product_view", "price", 5.0, "category", "x"));
		ArgumentCaptor<CustomerFact> fact = ArgumentCaptor.forClass(CustomerFact.class);
		verify(rules, org.mockito.Mockito.times(2)).evaluate(fact.capture());
		CustomerFact onEvent = fact.getAllValues().get(1);
		assertFalse(onEvent.isStageEntered());
		assertEquals("product_view", onEvent.getEvent().getType());
		assertEquals(5.0, onEvent.getEvent().getNumber("price"));
	}

	@Test
	void holdoutCustomersGetNoCampaignOnlyARecordOfWhatItWouldHaveSent() {
		when(rules.evaluate(any())).thenReturn(List.of(new RuleAction("Rescue", "Plain reminder", 0, "send", "push", "cart_reminder",
				Map.of()), new RuleAction("Rescue", "Plain reminder", 1, "tag", null, "t", Map.of())));
		String customer = customerInArm("holdout");
		CustomerState state = inAbandoned(customer);
		StepResult result = step.applyInPlace(state, event(customer, T0 + 2 * HOUR, "product_view", "price", 5.0, "category", "x"));
		assertEquals(List.of(), result.actions());
		assertEquals(1, result.deliveryNotices().size(), "the send is recorded as withheld; the tag is not a message");
		assertEquals(io.itinera.runtime.delivery.DeliveryOutcome.SUPPRESSED_HOLDOUT, result.deliveryNotices().get(0).outcome());
		assertTrue(state.tags().isEmpty());
	}

	@Test
	void stepIsDeterministicAndStateSurvivesItsCodec() {
		when(rules.evaluate(any())).thenReturn(List.of(new RuleAction("Rescue", "Plain reminder", 0, "tag", null, "t", Map.of())));
		String customer = customerInArm("Rescue");
		CustomerState state = inAbandoned(customer);
		run(state, new ScoreUpdate(customer, "intent", 0.3, T0 + 2 * HOUR),
				event(customer, T0 + 3 * HOUR, "product_view", "price", 5.0, "category", "x"));
		CustomerState back = CustomerState.fromBytes(state.toBytes());
		assertEquals(state, back);
		assertTrue(state.toBytes().length < 1024, "bytes: " + state.toBytes().length);
		Event next = event(customer, T0 + 4 * HOUR, "cart_add", "price", 3.0);
		StepResult fromOriginal = step.apply(state, next);
		StepResult fromDecoded = step.apply(back, next);
		assertEquals(fromOriginal.state(), fromDecoded.state());
		assertEquals(fromOriginal.actions(), fromDecoded.actions());
		assertEquals(fromOriginal.stageChanges(), fromDecoded.stageChanges());
		assertEquals(fromOriginal.timersToSet(), fromDecoded.timersToSet());
		assertEquals(fromOriginal.timersToCancel(), fromDecoded.timersToCancel());
	}

	CustomerState inAbandoned(String customer) {
		CustomerState state = step.initialState(customer);
		run(state, event(customer, T0, "cart_add", "price", 30.0), new TimerFired(customer, "Carted#1@" + T0, T0 + HOUR));
		assertEquals("Abandoned", state.stage());
		return state;
	}

	private JourneyPlan withReentry(io.itinera.runtime.plan.Reentry reentry) {
		return new JourneyPlan(plan.formatVersion(), plan.name(), plan.title(), plan.location(), plan.entry(), reentry,
				plan.exits(), plan.goal(), plan.attributes(), plan.events(), plan.features(), plan.models(), plan.stages(),
				plan.campaigns(), plan.splits(), plan.tests());
	}
}
