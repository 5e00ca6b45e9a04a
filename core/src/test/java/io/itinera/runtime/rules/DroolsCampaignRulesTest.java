package io.itinera.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DroolsCampaignRulesTest {
	private final JourneyPlan plan = withCampaigns(SamplePlans.cartRecovery(), webhookWithValue(SamplePlans.cartRecovery().campaigns().get(0)));

	private static CustomerFact customer(String stage, double cartValue, String tier) {
		return new CustomerFact("c1", 0, stage, true, Map.of("email", "a@b.c", "tier", tier), Map.of("cartValue", cartValue),
				Map.of("intent", 0.2), Map.of(), List.of("Rescue"), Set.of(), null);
	}

	@Test
	void generatedRulesAreNamedAfterCampaignAndTitleInDeclaredOrderWithOtherwiseLast() {
		String drl = new DrlGenerator().generate(plan).generated();
		assertTrue(drl.contains("rule \"Rescue :: Coupon for big carts\"\n    salience 1\n    activation-group \"Rescue\""), drl);
		assertTrue(drl.contains("rule \"Rescue :: Plain reminder\"\n    salience 0\n    activation-group \"Rescue\""), drl);
		assertTrue(drl.contains("getFeature(\"cartValue\") > 100 && getScore(\"intent\") < 0.4 && text(\"tier\") in (\"gold\", \"silver\")"), drl);
	}

	@Test
	void firstMatchingRuleWinsAndOtherwiseCatchesTheRest() {
		DroolsCampaignRules rules = DroolsCampaignRules.build(plan);
		List<RuleAction> big = rules.evaluate(customer("Abandoned", 150, "gold"));
		assertEquals(List.of("send email \"cart_reminder_coupon\"", "tag \"rescued\""), describe(big));
		assertEquals(Map.of("coupon", "SAVE10"), big.get(0).params());
		assertEquals("Coupon for big carts", big.get(0).rule());
		List<RuleAction> small = rules.evaluate(customer("HighIntent", 20, "gold"));
		assertEquals(List.of("send push \"cart_reminder\"", "untag \"vip\"", "webhook \"http://localhost/hook\""), describe(small));
		assertEquals(Map.of("value", "40"), small.get(2).params());
	}

	/** Each thread keeps one session, left as empty as a new one after every customer. */
	@Test
	void aCustomerDecidesTheSameWhoeverWasEvaluatedBefore() {
		Campaign rescue = plan.campaigns().get(0);
		Campaign generatedOnly = new Campaign(rescue.name(), rescue.stages(), rescue.caps(), rescue.quietHours(), rescue.rules(),
				null, rescue.location());
		DroolsCampaignRules rules = DroolsCampaignRules.build(withCampaigns(plan, generatedOnly));
		assertTrue(!rules.drl().hasRawDrl());
		List<String> big = describe(rules.evaluate(customer("Abandoned", 150, "gold")));
		assertEquals(List.of("send email \"cart_reminder_coupon\"", "tag \"rescued\""), big);
		for (int i = 0; i < 3; i++) {
			assertEquals(List.of("send push \"cart_reminder\"", "untag \"vip\"", "webhook \"http://localhost/hook\""),
					describe(rules.evaluate(customer("HighIntent", 20, "gold"))));
			assertEquals(List.of(), rules.evaluate(customer("Browsing", 150, "gold")));
			assertEquals(big, describe(rules.evaluate(customer("Abandoned", 150, "gold"))));
		}
		assertEquals(0, rules.factsHeld());
	}

	/**
	 * Drools 10.1 kept every match that fired among its rule's dormant matches after the fact was deleted
	 * (incubator-kie-drools 6361): 1.2 KB a decided customer, for good, in every long-running host.
	 */
	@Test
	void aThreadsSessionKeepsNothingOfTheCustomersItDecided() {
		Campaign rescue = plan.campaigns().get(0);
		DroolsCampaignRules rules = DroolsCampaignRules.build(withCampaigns(plan,
				new Campaign(rescue.name(), rescue.stages(), rescue.caps(), rescue.quietHours(), rescue.rules(), null, rescue.location())));
		List<java.lang.ref.WeakReference<CustomerFact>> decided = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			CustomerFact customer = customer("Abandoned", i % 2 == 0 ? 150 : 20, "gold");
			assertFalse(rules.evaluate(customer).isEmpty());
			decided.add(new java.lang.ref.WeakReference<>(customer));
		}
		System.gc();
		long kept = decided.stream().filter(reference -> reference.get() != null).count();
		assertTrue(kept <= 10, kept + " of 2,000 decided customers are still held by the rules' session");
	}

	@Test
	void rulesOnlyRunInTheirCampaignsStages() {
		DroolsCampaignRules rules = DroolsCampaignRules.build(plan);
		assertEquals(List.of(), rules.evaluate(customer("Browsing", 150, "gold")));
	}

	@Test
	void oneRuleBasePerJourneyEvenWithEqualNames() {
		DroolsCampaignRules first = DroolsCampaignRules.build(plan);
		Campaign rescue = plan.campaigns().get(0);
		Campaign other = new Campaign(rescue.name(), rescue.stages(), rescue.caps(), rescue.quietHours(),
				List.of(rescue.rules().get(1)), null, rescue.location());
		JourneyPlan changed = withCampaigns(plan, other);
		DroolsCampaignRules second = DroolsCampaignRules.build(changed);
		assertEquals(2, describe(first.evaluate(customer("Abandoned", 150, "gold"))).size());
		assertEquals(List.of("send push \"cart_reminder\"", "untag \"vip\"", "webhook \"http://localhost/hook\""),
				describe(second.evaluate(customer("Abandoned", 150, "gold"))));
	}

	/** The crash of issue 28: a feature compared with text in the DRL; Drools threw MVEL's stack trace at the user. */
	@Test
	void aRuleThatFailsWhileEvaluatedIsOneLineNamingItsFileAndLine() {
		Campaign rescue = plan.campaigns().get(0);
		io.itinera.runtime.plan.SourceLocation at = new io.itinera.runtime.plan.SourceLocation("shop.journey", 42, 5);
		CampaignRule odd = new CampaignRule("Odd", new Expr.Binary(Expr.BinaryOp.EQ, new Expr.FeatureRef("cartValue", at),
				new Expr.StringLit("i1", at), at), false, List.of(new Action.Tag("odd", at)), at);
		Campaign withOdd = new Campaign(rescue.name(), rescue.stages(), rescue.caps(), rescue.quietHours(), List.of(odd), null,
				rescue.location());
		DroolsCampaignRules rules = DroolsCampaignRules.build(withCampaigns(plan, withOdd));
		RuleEvaluationException error = assertThrows(RuleEvaluationException.class, () -> rules.evaluate(customer("Abandoned", 150, "gold")));
		assertTrue(error.getMessage().startsWith("shop.journey:42: rule \"Odd\" of campaign Rescue failed for this customer: "
				+ "NumberFormatException: For input string: \"i1\""), error.getMessage());
		assertTrue(!error.getMessage().contains("\n") && error.toString().equals(error.getMessage()), error.getMessage());
	}

	@Test
	void aBrokenRawBlockIsReportedAtItsOwnLine() {
		Campaign rescue = plan.campaigns().get(0);
		Campaign broken = new Campaign(rescue.name(), rescue.stages(), rescue.caps(), rescue.quietHours(), rescue.rules(),
				"\nrule \"raw\"\nwhen\n  $c : Customer( stage == )\nthen\nend\n", rescue.location());
		JourneyPlan changed = withCampaigns(plan, broken);
		DrlBuildException error = assertThrows(DrlBuildException.class, () -> DroolsCampaignRules.build(changed));
		DrlProblem problem = error.problems().get(0);
		assertEquals("Rescue", problem.campaign());
		assertEquals(4, problem.line(), error.getMessage());
	}

	@Test
	void aBrokenGeneratedRuleFailsLoudlyWithTheDrl() {
		JourneyPlan broken = withCampaigns(plan, SamplePlans.cartRecovery().campaigns().get(0));
		DrlBuildException error = assertThrows(DrlBuildException.class, () -> DroolsCampaignRules.build(broken));
		assertTrue(error.getMessage().contains("this is a bug in itinera"), error.getMessage());
		assertTrue(error.getMessage().contains("rule \"Rescue :: Plain reminder\""), error.getMessage());
	}

	/** The sample's webhook sends a value the validator would refuse (-(not true)); here it sends cartValue * 2. */
	static Campaign webhookWithValue(Campaign rescue) {
		CampaignRule plain = rescue.rules().get(1);
		List<Action> actions = new ArrayList<>(plain.actions().subList(0, 2));
		actions.add(new Action.Webhook("http://localhost/hook", List.of(new Action.Param("value",
				SamplePlans.binary(Expr.BinaryOp.MUL, SamplePlans.feature("cartValue"), SamplePlans.number(2)), plain.location())),
				plain.location()));
		CampaignRule fixed = new CampaignRule(plain.title(), null, true, actions, plain.location());
		return new Campaign(rescue.name(), rescue.stages(), rescue.caps(), rescue.quietHours(),
				List.of(rescue.rules().get(0), fixed), rescue.drl(), rescue.location());
	}

	static JourneyPlan withCampaigns(JourneyPlan plan, Campaign... campaigns) {
		return new JourneyPlan(plan.formatVersion(), plan.name(), plan.title(), plan.location(), plan.entry(),
				plan.reentry(), plan.exits(), plan.goal(), plan.attributes(), plan.events(), plan.features(), plan.models(),
				plan.stages(), List.of(campaigns), plan.splits(), plan.tests());
	}

	static List<String> describe(List<RuleAction> actions) {
		List<String> out = new ArrayList<>();
		for (RuleAction action : actions) {
			out.add(action.kind() + (action.channel() == null ? "" : " " + action.channel()) + " \"" + action.target() + "\"");
		}
		return out;
	}
}
