package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.RuleAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code send … at best hour}: the engagement hours a customer's state keeps, and when the step sends. */
class BestHourTest {
	static final long HOUR = DeliveryTest.HOUR;
	static final long DAY = DeliveryTest.DAY;
	static final long MIDNIGHT = DeliveryTest.MIDNIGHT;

	@Test
	void anHourCountsOnceAndTheCountsAreTrustedFromTheMinimum() {
		EngagementHours hours = new EngagementHours();
		assertTrue(hours.record(MIDNIGHT + 19 * HOUR + 5 * 60_000, 19));
		assertFalse(hours.record(MIDNIGHT + 19 * HOUR + 40 * 60_000, 19), "a second open in the same clock hour is not counted");
		assertEquals(-1, hours.bestHour(), "one count is not enough");
		hours.record(MIDNIGHT + DAY + 19 * HOUR, 19);
		assertTrue(hours.record(MIDNIGHT + 2 * DAY + 9 * HOUR, 9));
		assertEquals(19, hours.bestHour());
		EngagementHours read = EngagementHours.read(hours.write());
		assertEquals(19, read.bestHour());
		assertEquals(hours.total(), read.total(), 1e-6);
	}

	@Test
	void oldHabitsFade() {
		EngagementHours hours = new EngagementHours();
		for (int day = 0; day < 4; day++) {
			hours.record(MIDNIGHT + day * DAY + 8 * HOUR, 8);
		}
		long later = MIDNIGHT + 200 * DAY; // nearly seven half-lives later
		for (int day = 0; day < 2; day++) {
			hours.record(later + day * DAY + 20 * HOUR, 20);
		}
		assertEquals(20, hours.bestHour(), "two recent evenings outweigh four mornings of half a year ago");
		assertTrue(hours.count(8) < 0.1);
	}

	private final CampaignRules rules = customer -> List.of(new RuleAction("Rescue", "Plain reminder", 0, "send", "push",
			"cart_reminder", Map.of()));

	/** The sample journey with its push reminder sent at the best hour of product views, fallback 10:00, within 1 day. */
	static JourneyPlan bestHourPlan(int fallbackMinute) {
		JourneyPlan plan = SamplePlans.cartRecovery();
		Campaign rescue = plan.campaigns().get(0);
		List<CampaignRule> rules = new ArrayList<>();
		for (CampaignRule rule : rescue.rules()) {
			List<Action> actions = new ArrayList<>();
			for (Action action : rule.actions()) {
				actions.add(action instanceof Action.Send send && send.template().equals("cart_reminder")
						? new Action.Send(send.channel(), send.template(), send.params(), send.location(), null,
								new Action.BestHour(List.of("product_view"), fallbackMinute, DAY, send.location()))
						: action);
			}
			rules.add(new CampaignRule(rule.title(), rule.condition(), rule.otherwise(), actions, rule.location()));
		}
		Campaign campaign = new Campaign(rescue.name(), rescue.stages(), List.of(), rescue.quietHours(), rules, null, rescue.location());
		return DeliveryTest.withCampaign(plan, campaign);
	}

	private static String customerInRescueArm(JourneyPlan plan) {
		for (int i = 0;; i++) {
			if (PlanStep.armOf(plan.name(), "c" + i, plan.splits().get(0)).equals("Rescue")) {
				return "c" + i;
			}
		}
	}

	private static StepResult abandonAt(PlanStep step, CustomerState state, long at) {
		step.applyInPlace(state, PlanStepTest.event(state.customerId(), at - HOUR, "cart_add", "price", 20.0));
		return step.applyInPlace(state, new TimerFired(state.customerId(), "Carted#1@" + (at - HOUR), at));
	}

	private static void view(PlanStep step, CustomerState state, long at) {
		step.applyInPlace(state, PlanStepTest.event(state.customerId(), at, "product_view", "category", "shoes", "price", 5.0));
	}

	@Test
	void aMessageWaitsForTheCustomersBestHourThenGoesWithTheSameId() {
		JourneyPlan plan = bestHourPlan(10 * 60);
		PlanStep step = new PlanStep(plan, rules);
		CustomerState state = step.initialState(customerInRescueArm(plan));
		for (int day = 0; day < 3; day++) {
			view(step, state, MIDNIGHT + day * DAY + 19 * HOUR + 20 * 60_000);
			view(step, state, MIDNIGHT + day * DAY + 19 * HOUR + 50 * 60_000); // same hour: counted once
		}
		StepResult decided = abandonAt(step, state, MIDNIGHT + 5 * DAY + 12 * HOUR);
		assertEquals(List.of(), decided.actions());
		DeliveryNotice held = decided.deliveryNotices().get(0);
		assertEquals(DeliveryOutcome.HELD_FOR_BEST_HOUR, held.outcome());
		long seven = MIDNIGHT + 5 * DAY + 19 * HOUR;
		assertEquals(seven, held.releaseAt());
		TimerRequest timer = decided.timersToSet().stream().filter(t -> t.timerId().startsWith("hold:")).findFirst().orElseThrow();
		StepResult evening = step.applyInPlace(state, new TimerFired(state.customerId(), timer.timerId(), seven));
		assertEquals(1, evening.actions().size());
		assertEquals(held.actionId(), evening.actions().get(0).id());
		assertEquals(seven, evening.actions().get(0).at());
	}

	@Test
	void untrustedCountsUseTheFallbackAndQuietHoursStillDecide() {
		JourneyPlan plan = bestHourPlan(10 * 60);
		PlanStep step = new PlanStep(plan, rules);
		CustomerState state = step.initialState(customerInRescueArm(plan));
		StepResult noon = abandonAt(step, state, MIDNIGHT + 12 * HOUR);
		assertEquals(DeliveryOutcome.HELD_FOR_BEST_HOUR, noon.deliveryNotices().get(0).outcome());
		assertEquals(MIDNIGHT + DAY + 10 * HOUR, noon.deliveryNotices().get(0).releaseAt(), "no history: tomorrow at the fallback 10:00");

		JourneyPlan late = bestHourPlan(23 * 60); // a fallback inside the campaign's quiet hours 22:00-08:00
		PlanStep lateStep = new PlanStep(late, rules);
		CustomerState other = lateStep.initialState(customerInRescueArm(late));
		StepResult decided = abandonAt(lateStep, other, MIDNIGHT + 12 * HOUR);
		assertEquals(DeliveryOutcome.HELD_BY_QUIET_HOURS, decided.deliveryNotices().get(0).outcome());
		assertEquals(MIDNIGHT + DAY + 8 * HOUR, decided.deliveryNotices().get(0).releaseAt());
	}

	@Test
	void withoutAFallbackAnUnknownCustomerGetsTheMessageAtOnce() {
		JourneyPlan plan = bestHourPlan(-1);
		PlanStep step = new PlanStep(plan, rules);
		CustomerState state = step.initialState(customerInRescueArm(plan));
		assertEquals(1, abandonAt(step, state, MIDNIGHT + 12 * HOUR).actions().size());
	}
}
