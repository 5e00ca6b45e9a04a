package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.QuietHours;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.RuleAction;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consent at send time: topics, the events that change consent, and the decision for a journey alone and a workspace. */
class ConsentTest {
	static final long HOUR = 3_600_000L;
	static final long DAY = 24 * HOUR;
	static final long NOON = 19_700 * DAY + 12 * HOUR;
	static final SourceLocation AT = new SourceLocation("t.journey", 1, 1);
	static final List<Topic> TOPICS = List.of(new Topic("promotions", Channel.EMAIL, Topic.Kind.OPT_OUT, AT),
			new Topic("newsletter", Channel.EMAIL, Topic.Kind.OPT_IN, AT),
			new Topic("receipts", Channel.EMAIL, Topic.Kind.TRANSACTIONAL, AT));

	private static final CampaignRules RULES = customer -> List.of(new RuleAction("Rescue", "Plain reminder", 0, "send", "email",
			"cart_reminder", Map.of()));

	/** Cart recovery without caps or splits, whose Rescue campaign sends {@code topic}. */
	static JourneyPlan plan(String name, String topic, List<Topic> topics, QuietHours quiet) {
		JourneyPlan p = SamplePlans.cartRecovery();
		Campaign rescue = p.campaigns().get(0);
		Campaign campaign = new Campaign(rescue.name(), rescue.stages(), List.of(), quiet, rescue.rules(), null, rescue.location(),
				null, topic);
		return new JourneyPlan(p.formatVersion(), name, p.title(), p.location(), p.entry(), p.reentry(), p.exits(), p.goal(),
				p.attributes(), p.events(), p.features(), p.models(), p.stages(), List.of(campaign), List.of(), p.tests(), p.phases(),
				null, p.priority(), topics);
	}

	/** Into Abandoned at {@code at} (the rules run on entering it). */
	private static StepResult abandonAt(JourneyStep step, CustomerState state, long at, String timerPrefix) {
		step.applyInPlace(state, PlanStepTest.event(state.customerId(), at - HOUR, "cart_add", "price", 20.0));
		return step.applyInPlace(state, new TimerFired(state.customerId(), timerPrefix + "Carted#1@" + (at - HOUR), at));
	}

	private static StepResult view(JourneyStep step, CustomerState state, long at) {
		return step.applyInPlace(state, PlanStepTest.event(state.customerId(), at, "product_view", "category", "shoes", "price", 5.0));
	}

	@Test
	void consentsKeepTheLatestChangeAndReadBackFromBytes() {
		Consents consents = Consents.read(null);
		assertTrue(consents.set("promotions", "email", false, 10, "one-click link"));
		assertTrue(!consents.set("promotions", "email", true, 5, "an older subscribe"), "an earlier change loses");
		assertTrue(!consents.set("promotions", "email", false, 20, "again"), "a repeat keeps the first time and way");
		Consents read = Consents.read(consents.write());
		assertEquals(new Consents.Consent(false, 10, "one-click link"), read.get("promotions", "email"));
		assertNull(read.get("promotions", "sms"));
	}

	@Test
	void anUnsubscribedCustomerStaysInTheJourneyAndIsSentNothingOfTheTopic() {
		PlanStep step = new PlanStep(plan("Cart", "promotions", TOPICS, null), RULES);
		CustomerState state = step.initialState("c1");
		assertEquals(1, abandonAt(step, state, NOON, "").actions().size(), "opt-out: sent until they unsubscribe");

		step.applyInPlace(state, PlanStepTest.event("c1", NOON + HOUR, "unsubscribe", "topic", "promotions"));
		StepResult after = view(step, state, NOON + 2 * HOUR);
		assertEquals(List.of(), after.actions());
		DeliveryNotice notice = after.deliveryNotices().get(0);
		assertEquals(DeliveryOutcome.NOT_SUBSCRIBED, notice.outcome());
		assertEquals(new ConsentPolicy.Withheld("promotions", NOON + HOUR, "unsubscribe event"), notice.notSubscribed());
		assertEquals("Abandoned", state.stage(), "the customer stays in the journey");

		step.applyInPlace(state, PlanStepTest.event("c1", NOON + 3 * HOUR, "subscribe", "topic", "promotions", "source", "preferences page"));
		assertEquals(1, view(step, state, NOON + 4 * HOUR).actions().size(), "subscribed again");
	}

	@Test
	void transactionalTopicsIgnoreOptOutsAndOptInTopicsWaitForASubscribe() {
		PlanStep receipts = new PlanStep(plan("Cart", "receipts", TOPICS, null), RULES);
		CustomerState state = receipts.initialState("c1");
		receipts.applyInPlace(state, PlanStepTest.event("c1", NOON - 2 * HOUR, "unsubscribe", "channel", "email"));
		assertEquals(1, abandonAt(receipts, state, NOON, "").actions().size(), "a receipt goes out all the same");
		assertNotNull(Consents.of(state).get("promotions", "email"), "unsubscribing from a channel covers its topics");

		PlanStep newsletter = new PlanStep(plan("Cart", "newsletter", TOPICS, null), RULES);
		CustomerState reader = newsletter.initialState("c2");
		DeliveryNotice never = abandonAt(newsletter, reader, NOON, "").deliveryNotices().get(0);
		assertEquals(new ConsentPolicy.Withheld("newsletter", 0, ConsentPolicy.NEVER_SUBSCRIBED), never.notSubscribed());
		newsletter.applyInPlace(reader, PlanStepTest.event("c2", NOON + HOUR, "subscribe", "topic", "newsletter", "channel", "email"));
		assertEquals(1, view(newsletter, reader, NOON + 2 * HOUR).actions().size());
	}

	@Test
	void aMessageHeldByQuietHoursIsNotSentWhenConsentIsWithdrawnMeanwhile() {
		PlanStep step = new PlanStep(plan("Cart", "promotions", TOPICS, new QuietHours(22 * 60, 8 * 60, AT)), RULES);
		CustomerState state = step.initialState("c1");
		StepResult night = abandonAt(step, state, NOON + 11 * HOUR, "");
		TimerRequest release = night.timersToSet().stream().filter(t -> t.timerId().startsWith("hold:")).findFirst().orElseThrow();
		step.applyInPlace(state, PlanStepTest.event("c1", NOON + 12 * HOUR, "unsubscribe", "topic", "promotions", "source",
				"one-click link"));
		StepResult morning = step.applyInPlace(state, new TimerFired("c1", release.timerId(), release.dueAt()));
		assertEquals(List.of(), morning.actions());
		assertEquals(DeliveryOutcome.NOT_SUBSCRIBED, morning.deliveryNotices().get(0).outcome());
		assertEquals("one-click link", morning.deliveryNotices().get(0).notSubscribed().how());
	}

	@Test
	void aWorkspaceSharesConsentAcrossItsJourneys() {
		WorkspaceSettings settings = new WorkspaceSettings(List.of(), null, ZoneId.of("UTC"), TOPICS);
		WorkspaceStep workspace = new WorkspaceStep(List.of(new PlanStep(plan("PromoA", "promotions", List.of(), null), RULES),
				new PlanStep(plan("PromoB", "promotions", List.of(), null), RULES),
				new PlanStep(plan("Receipts", "receipts", List.of(), null), RULES)), settings);
		CustomerState state = workspace.initialState("c1");
		workspace.applyInPlace(state, PlanStepTest.event("c1", NOON - 2 * HOUR, "cart_add", "price", 20.0));
		workspace.applyInPlace(state, PlanStepTest.event("c1", NOON - HOUR, "unsubscribe", "topic", "promotions"));
		long start = NOON - 2 * HOUR;
		StepResult a = workspace.applyInPlace(state, new TimerFired("c1", "PromoA/Carted#1@" + start, start + HOUR));
		StepResult b = workspace.applyInPlace(state, new TimerFired("c1", "PromoB/Carted#1@" + start, start + HOUR));
		StepResult r = workspace.applyInPlace(state, new TimerFired("c1", "Receipts/Carted#1@" + start, start + HOUR));
		assertEquals(List.of(), a.actions());
		assertEquals(List.of(), b.actions());
		assertEquals(DeliveryOutcome.NOT_SUBSCRIBED, a.deliveryNotices().get(0).outcome());
		assertEquals("PromoB", b.deliveryNotices().get(0).journey());
		assertEquals(1, r.actions().size(), "receipts still go out");
		CustomerState copy = CustomerState.fromBytes(state.toBytes());
		assertNotNull(Consents.of(copy).get("promotions", "email"), "consents are kept in the composite state's record");
	}

	@Test
	void aTopicDeclaredTwiceWithDifferentKindsIsRefused() {
		List<Topic> clash = List.of(TOPICS.get(0), new Topic("promotions", Channel.EMAIL, Topic.Kind.OPT_IN, AT));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConsentPolicy(clash));
		assertTrue(e.getMessage().contains("promotions email opt-in"), e.getMessage());
	}
}
