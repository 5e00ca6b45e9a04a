package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.RuleAction;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Caps, quiet hours and splits as the step function applies them to what the rules decide. */
class DeliveryTest {
	static final long HOUR = 3_600_000L;
	static final long DAY = 24 * HOUR;
	/** Midnight UTC of 9 December 2023 (winter: New York is UTC-5). */
	static final long MIDNIGHT = 19_700 * DAY;

	/** The rules send on the channel the test sets, every time they run. */
	private String channel = "push";
	private final CampaignRules rules = customer -> List.of(new RuleAction("Rescue", "Plain reminder", 0, "send", channel,
			"cart_reminder", Map.of()));

	private JourneyPlan plan = SamplePlans.cartRecovery();
	private PlanStep step = new PlanStep(plan, rules);

	private String customerInRescueArm() {
		for (int i = 0;; i++) {
			if (PlanStep.armOf(plan.name(), "c" + i, plan.splits().get(0)).equals("Rescue")) {
				return "c" + i;
			}
		}
	}

	/** Puts a customer in Abandoned at {@code at}; returns the step that entered it (rules ran). */
	private StepResult abandonAt(CustomerState state, long at) {
		step.applyInPlace(state, PlanStepTest.event(state.customerId(), at - HOUR, "cart_add", "price", 20.0));
		return step.applyInPlace(state, new TimerFired(state.customerId(), "Carted#1@" + (at - HOUR), at));
	}

	private StepResult view(CustomerState state, long at) {
		return step.applyInPlace(state, PlanStepTest.event(state.customerId(), at, "product_view", "category", "shoes", "price", 5.0));
	}

	@Test
	void aCampaignCapSuppressesWhatExceedsIt() {
		CustomerState state = step.initialState(customerInRescueArm());
		StepResult first = abandonAt(state, MIDNIGHT + 12 * HOUR);
		assertEquals(1, first.actions().size());
		StepResult second = view(state, MIDNIGHT + 14 * HOUR);
		assertEquals(List.of(), second.actions());
		assertEquals(DeliveryOutcome.SUPPRESSED_BY_CAP, second.deliveryNotices().get(0).outcome());
		assertEquals("Plain reminder", second.deliveryNotices().get(0).rule());
		StepResult nextDay = view(state, MIDNIGHT + 36 * HOUR);
		assertEquals(1, nextDay.actions().size(), "cap 1 per 1 day: a day later it may send again");
	}

	@Test
	void aChannelCapCountsOnlyItsChannel() {
		CustomerState state = step.initialState(customerInRescueArm());
		channel = "email";
		abandonAt(state, MIDNIGHT + 12 * HOUR);
		assertEquals(1, view(state, MIDNIGHT + DAY + 12 * HOUR).actions().size());
		assertEquals(1, view(state, MIDNIGHT + 2 * DAY + 12 * HOUR).actions().size());
		StepResult fourth = view(state, MIDNIGHT + 3 * DAY + 12 * HOUR);
		assertEquals(List.of(), fourth.actions(), "cap 3 per 7 days on email");
		assertEquals(DeliveryOutcome.SUPPRESSED_BY_CAP, fourth.deliveryNotices().get(0).outcome());
		channel = "push";
		assertEquals(1, view(state, MIDNIGHT + 3 * DAY + 13 * HOUR).actions().size(), "push is not capped by the email cap");
	}

	@Test
	void aGlobalCapSpansCampaigns() {
		Campaign rescue = plan.campaigns().get(0);
		Campaign uncapped = new Campaign(rescue.name(), rescue.stages(), List.of(), null, rescue.rules(), null, rescue.location());
		plan = withCampaign(plan, uncapped);
		step = new PlanStep(plan, rules, new DeliverySettings(ZoneId.of("UTC"),
				List.of(new Cap(2, DAY, Channel.PUSH, rescue.location()))));
		CustomerState state = step.initialState(customerInRescueArm());
		assertEquals(1, abandonAt(state, MIDNIGHT + 12 * HOUR).actions().size());
		assertEquals(1, view(state, MIDNIGHT + 13 * HOUR).actions().size());
		StepResult third = view(state, MIDNIGHT + 14 * HOUR);
		assertEquals(List.of(), third.actions());
		assertEquals(DeliveryOutcome.SUPPRESSED_BY_CAP, third.deliveryNotices().get(0).outcome());
	}

	@Test
	void quietHoursHoldAMessageUntilTheyEndAndThenSendIt() {
		CustomerState state = step.initialState(customerInRescueArm());
		StepResult night = abandonAt(state, MIDNIGHT + 23 * HOUR + 30 * 60_000);
		assertEquals(List.of(), night.actions(), "22:00-08:00 is quiet");
		DeliveryNotice held = night.deliveryNotices().get(0);
		assertEquals(DeliveryOutcome.HELD_BY_QUIET_HOURS, held.outcome());
		long eight = MIDNIGHT + DAY + 8 * HOUR;
		assertEquals(eight, held.releaseAt());
		TimerRequest release = night.timersToSet().stream().filter(t -> t.timerId().startsWith("hold:")).findFirst().orElseThrow();
		assertEquals(eight, release.dueAt());

		StepResult capped = view(state, MIDNIGHT + DAY + 7 * HOUR);
		assertEquals(DeliveryOutcome.SUPPRESSED_BY_CAP, capped.deliveryNotices().get(0).outcome(),
				"the held message counts against the cap of 1 per day");

		StepResult morning = step.applyInPlace(state, new TimerFired(state.customerId(), release.timerId(), eight));
		assertEquals(1, morning.actions().size());
		ActionRecord sent = morning.actions().get(0);
		assertEquals(eight, sent.at());
		assertEquals(held.actionId(), sent.id(), "the same action id: a retried release is not doubled");
		assertEquals("cart_reminder", sent.target());
		assertEquals(DeliveryOutcome.RELEASED, morning.deliveryNotices().get(0).outcome());
		assertEquals(List.of(), step.applyInPlace(state, new TimerFired(state.customerId(), release.timerId(), eight)).actions(),
				"a second firing of the same timer sends nothing");
	}

	@Test
	void aHeldMessageSurvivesTheStateCodec() {
		CustomerState state = step.initialState(customerInRescueArm());
		StepResult night = abandonAt(state, MIDNIGHT + 23 * HOUR);
		String timerId = night.timersToSet().stream().filter(t -> t.timerId().startsWith("hold:")).findFirst().orElseThrow().timerId();
		CustomerState restored = CustomerState.fromBytes(state.toBytes());
		StepResult morning = step.applyInPlace(restored, new TimerFired(state.customerId(), timerId, MIDNIGHT + DAY + 8 * HOUR));
		assertEquals(1, morning.actions().size());
	}

	@Test
	void aHeldMessageIsDroppedWhenTheCustomerHasLeftTheCampaignsStages() {
		CustomerState state = step.initialState(customerInRescueArm());
		StepResult night = abandonAt(state, MIDNIGHT + 23 * HOUR);
		String timerId = night.timersToSet().stream().filter(t -> t.timerId().startsWith("hold:")).findFirst().orElseThrow().timerId();
		step.applyInPlace(state, PlanStepTest.event(state.customerId(), MIDNIGHT + DAY + 2 * HOUR, "purchase", "amount", 20.0));
		StepResult morning = step.applyInPlace(state, new TimerFired(state.customerId(), timerId, MIDNIGHT + DAY + 8 * HOUR));
		assertEquals(List.of(), morning.actions(), "they bought in the night: no cart reminder");
		assertEquals(DeliveryOutcome.DROPPED_STAGE_LEFT, morning.deliveryNotices().get(0).outcome());
	}

	@Test
	void quietHoursFollowTheCustomersTimeZone() {
		List<Attribute> attributes = new ArrayList<>(plan.attributes());
		attributes.add(new Attribute("timezone", ValueType.STRING, SamplePlans.at(6)));
		plan = new JourneyPlan(plan.formatVersion(), plan.name(), plan.title(), plan.location(), plan.entry(), plan.reentry(),
				plan.exits(), plan.goal(), attributes, plan.events(), plan.features(), plan.models(), plan.stages(),
				plan.campaigns(), plan.splits(), plan.tests());
		step = new PlanStep(plan, rules);
		CustomerState newYork = step.initialState(customerInRescueArm());
		new CustomerSeeder(step).setAttribute(newYork, "timezone", "America/New_York");
		long noonUtc = MIDNIGHT + 12 * HOUR; // 07:00 in New York (EST, a winter day)
		StepResult result = abandonAt(newYork, noonUtc);
		assertEquals(List.of(), result.actions());
		assertEquals(MIDNIGHT + 13 * HOUR, result.deliveryNotices().get(0).releaseAt(), "08:00 in New York");

		CustomerState london = step.initialState(customerInRescueArm());
		new CustomerSeeder(step).setAttribute(london, "timezone", "Not/AZone");
		assertEquals(1, abandonAt(london, noonUtc).actions().size(), "an unknown zone falls back to UTC");
	}

	@Test
	void holdoutCustomersGetNoneOfTheSplitsCampaignsButKeepTheirArm() {
		String holdout = null;
		for (int i = 0; holdout == null; i++) {
			if (new CustomerStateReader(step.plan()).splitArms("c" + i).get("RescueTest").equals("holdout")) {
				holdout = "c" + i;
			}
		}
		CustomerState state = step.initialState(holdout);
		StepResult entered = abandonAt(state, MIDNIGHT + 12 * HOUR);
		assertEquals(List.of(), entered.actions());
		assertEquals("Abandoned", state.stage());
		assertEquals(Map.of("RescueTest", "holdout"), new CustomerStateReader(step.plan()).splitArms(holdout));
		DeliveryNotice notice = entered.deliveryNotices().get(0);
		assertEquals(DeliveryOutcome.SUPPRESSED_HOLDOUT, notice.outcome(), "what Rescue would have sent, recorded as withheld");
		assertEquals("Rescue", notice.campaign());
		assertEquals("cart_reminder", notice.target());
		assertEquals(1, entered.deliveryNotices().size());
		assertEquals(null, state.extension(DeliveryPolicy.SENT_KEY), "a withheld message counts against no cap");
	}

	@Test
	void aHoldoutNoticeCarriesTheIdTheMessageWouldHaveHad() {
		String holdout = null;
		for (int i = 0; holdout == null; i++) {
			if (new CustomerStateReader(step.plan()).splitArms("c" + i).get("RescueTest").equals("holdout")) {
				holdout = "c" + i;
			}
		}
		String treated = customerInRescueArm();
		CustomerState held = step.initialState(holdout);
		CustomerState sent = step.initialState(treated);
		StepResult withheld = abandonAt(held, MIDNIGHT + 12 * HOUR);
		StepResult delivered = abandonAt(sent, MIDNIGHT + 12 * HOUR);
		assertEquals(List.of(), delivered.deliveryNotices(), "the treated arm's message is simply sent");
		assertEquals(1, delivered.actions().size());
		assertEquals(ActionIds.of(holdout, MIDNIGHT + 12 * HOUR, "Carted#1@" + (MIDNIGHT + 11 * HOUR), 0, "Abandoned", "Rescue",
				"Plain reminder", 0), withheld.deliveryNotices().get(0).actionId());
	}

	static JourneyPlan withCampaign(JourneyPlan plan, Campaign campaign) {
		return new JourneyPlan(plan.formatVersion(), plan.name(), plan.title(), plan.location(), plan.entry(), plan.reentry(),
				plan.exits(), plan.goal(), plan.attributes(), plan.events(), plan.features(), plan.models(), plan.stages(),
				List.of(campaign), plan.splits(), plan.tests());
	}
}
