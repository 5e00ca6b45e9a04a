package io.itinera.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules a real Drools KieBase matched and fired for each evaluation, and the customer they saw. */
class RuleTraceTest {
	private final JourneyPlan plan = withoutRawDrl(SamplePlans.cartRecovery());

	private static JourneyPlan withoutRawDrl(JourneyPlan sample) {
		io.itinera.runtime.plan.Campaign rescue = DroolsCampaignRulesTest.webhookWithValue(sample.campaigns().get(0));
		return DroolsCampaignRulesTest.withCampaigns(sample, new io.itinera.runtime.plan.Campaign(rescue.name(), rescue.stages(),
				rescue.caps(), rescue.quietHours(), rescue.rules(), null, rescue.location()));
	}

	private static CustomerFact customer(String stage, double cartValue, double intent) {
		return new CustomerFact("c1", 0, stage, true, Map.of("email", "a@b.c", "tier", "gold"), Map.of("cartValue", cartValue),
				Map.of("intent", intent), Map.of(), List.of("Rescue"), Set.of(), null);
	}

	@Test
	void aRuleThatHeldButLostToAnEarlierOneIsMatchedNotFired() {
		RuleTrace trace = new RuleTrace(DroolsCampaignRules.build(plan));
		List<RuleAction> decided = trace.evaluate(customer("Abandoned", 150, 0.2));
		RuleTrace.Evaluation evaluation = trace.drain().get(0);
		assertEquals(List.of("Rescue :: Coupon for big carts"), evaluation.fired());
		assertEquals(Set.of("Rescue :: Coupon for big carts", "Rescue :: Plain reminder"), Set.copyOf(evaluation.matched()));
		assertEquals(decided, evaluation.decided());
		assertEquals(150.0, evaluation.customer().getFeature("cartValue"));
		assertEquals(DroolsCampaignRules.build(plan).evaluate(customer("Abandoned", 150, 0.2)), decided,
				"tracing decides what the plain rules decide");
	}

	@Test
	void eachEvaluationIsKeptUntilDrainedAndNoneOutsideTheCampaignsStages() {
		RuleTrace trace = new RuleTrace(DroolsCampaignRules.build(plan));
		trace.evaluate(customer("Abandoned", 20, 0.2));
		trace.evaluate(customer("Browsing", 150, 0.2));
		List<RuleTrace.Evaluation> evaluations = trace.drain();
		assertEquals(2, evaluations.size());
		assertEquals(List.of("Rescue :: Plain reminder"), evaluations.get(0).fired());
		assertEquals(List.of(), evaluations.get(1).matched());
		assertEquals(List.of(), trace.drain());
	}

	@Test
	void rulesOtherThanDroolsAreTracedByWhatTheyDecided() {
		CampaignRules plain = customer -> List.of(new RuleAction("Rescue", "Plain reminder", 0, "send", "push", "cart_reminder",
				Map.of()));
		RuleTrace trace = new RuleTrace(plain);
		trace.evaluate(customer("Abandoned", 20, 0.2));
		assertEquals(List.of("Rescue :: Plain reminder"), trace.drain().get(0).fired());
	}
}
