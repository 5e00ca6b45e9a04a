package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.plan.SourceLocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code with coupon = best of V among "A", "B", "C" [explore P%]}: the highest score, or a hash of the id explores. */
class OfferChoicesTest {
	private static final SourceLocation AT = new SourceLocation("t.journey", 1, 1);
	private static final List<String> OFFERS = List.of("A", "B", "C");
	private static final Map<String, Integer> MODELS = Map.of("V[A]", 0, "V[B]", 1, "V[C]", 2);

	private static OfferChoices choices(double explore) {
		Action.Send send = new Action.Send(Channel.EMAIL, "offer", List.of(), AT, null, null,
				new Action.OfferChoice("coupon", "V", OFFERS, explore, AT));
		Action.Tag tag = new Action.Tag("offered", AT);
		CampaignRule rule = new CampaignRule("Best", null, true, List.of(tag, send), AT);
		Campaign campaign = new Campaign("Offer", List.of("Carted"), List.of(), null, List.of(rule), null, AT);
		return new OfferChoices(DeliveryTest.withCampaign(SamplePlans.cartRecovery(), campaign), MODELS);
	}

	private static ActionRecord sent(String id) {
		return new ActionRecord(id, "c1", 0, "Offer", "Best", "send", "email", "offer", Map.of(), Map.of());
	}

	@Test
	void theHighestExpectedValueIsSentWithEveryOffersScore() {
		ActionRecord chosen = choices(0).choose(sent("a1"), 1, new double[] { 1.0, 3.0, 2.0 });
		assertEquals("B", chosen.params().get("coupon"));
		assertEquals("model", chosen.params().get("couponChosenBy"));
		assertEquals(Map.of("V[A]", 1.0, "V[B]", 3.0, "V[C]", 2.0), chosen.scores());
		assertEquals("a1", chosen.id());
	}

	@Test
	void beforeTheModelHasScoredTheCustomerTheFirstOfferGoes() {
		ActionRecord chosen = choices(0).choose(sent("a1"), 1, new double[] { Double.NaN, Double.NaN, Double.NaN });
		assertEquals("A", chosen.params().get("coupon"));
		assertEquals("unscored", chosen.params().get("couponChosenBy"));
	}

	@Test
	void otherActionsAreLeftAlone() {
		ActionRecord tag = new ActionRecord("t1", "c1", 0, "Offer", "Best", "tag", null, "offered", Map.of(), Map.of());
		assertSame(tag, choices(0.5).choose(tag, 0, new double[3]));
		ActionRecord other = new ActionRecord("o1", "c1", 0, "Other", "Best", "send", "email", "x", Map.of(), Map.of());
		assertSame(other, choices(0.5).choose(other, 1, new double[3]));
	}

	@Test
	void exploringPicksUniformlyAtTheStatedRateAndTheSameIdAlwaysTheSameWay() {
		double[] scores = { 1.0, 3.0, 2.0 };
		int messages = 30_000;
		OfferChoices all = choices(1.0);
		OfferChoices tenth = choices(0.1);
		Map<String, Integer> offers = new HashMap<>();
		int explored = 0;
		for (int i = 0; i < messages; i++) {
			ActionRecord chosen = all.choose(sent("id-" + i), 1, scores);
			assertEquals("explore", chosen.params().get("couponChosenBy"));
			offers.merge(chosen.params().get("coupon"), 1, Integer::sum);
			assertEquals(chosen, all.choose(sent("id-" + i), 1, scores), "deterministic");
			ActionRecord sometimes = tenth.choose(sent("id-" + i), 1, scores);
			explored += sometimes.params().get("couponChosenBy").equals("explore") ? 1 : 0;
			if (sometimes.params().get("couponChosenBy").equals("model")) {
				assertEquals("B", sometimes.params().get("coupon"));
			}
		}
		// each within 4 standard deviations of its expectation
		for (String offer : OFFERS) {
			assertTrue(Math.abs(offers.get(offer) - messages / 3.0) < 4 * Math.sqrt(messages * (1 / 3.0) * (2 / 3.0)), offers.toString());
		}
		assertTrue(Math.abs(explored - messages * 0.1) < 4 * Math.sqrt(messages * 0.1 * 0.9), "explored " + explored);
	}
}
