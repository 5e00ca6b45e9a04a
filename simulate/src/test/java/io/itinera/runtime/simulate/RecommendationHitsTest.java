package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Goal;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationHitsTest {
	private static final long DAY = 86_400_000L;

	@Test
	void aSendIsAHitWhenALaterEventNamesOneOfItsItemsWithinTheGoalWindow() {
		RecommendationHits hits = new RecommendationHits(plan());
		CustomerTrack hit = new CustomerTrack("c1", 0);
		CustomerTrack late = new CustomerTrack("c2", 0);
		CustomerTrack miss = new CustomerTrack("c3", 0);
		for (CustomerTrack track : List.of(hit, late, miss)) {
			hits.sent(track, send(track.customerId, "a,b"));
		}
		hits.event(hit, new Event("c1", DAY, "product_view", Map.of("itemId", "b")));
		hits.event(late, new Event("c2", 4 * DAY, "product_view", Map.of("itemId", "a")));
		hits.event(miss, new Event("c3", DAY, "product_view", Map.of("itemId", "z")));
		hits.event(hit, new Event("c1", DAY + 1, "purchase", Map.of("itemId", "a")));
		assertArrayEquals(new long[] {3, 1}, hits.counts(JourneyFigures.ruleKey("Picks", "With items")),
				"one hit per send: c1 within 3 days; c2 after the window; c3 viewed something else");
		assertNull(hits.counts(JourneyFigures.ruleKey("Picks", "Plain")));
	}

	private static ActionRecord send(String customer, String items) {
		return new ActionRecord("id-" + customer, customer, 0, "Picks", "With items", "send", "email", "picks",
				Map.of("items", items), Map.of());
	}

	private static JourneyPlan plan() {
		JourneyPlan base = SamplePlans.cartRecovery();
		Action.Send withItems = new Action.Send(Channel.EMAIL, "picks",
				List.of(new Action.Param("items", new Expr.RecommendedItems("next", 2, SamplePlans.at(1)), SamplePlans.at(1))),
				SamplePlans.at(1));
		Action.Send plain = new Action.Send(Channel.PUSH, "plain", List.of(), SamplePlans.at(2));
		Campaign picks = new Campaign("Picks", List.of(base.stages().get(0).name()), List.of(), null,
				List.of(new CampaignRule("With items", null, false, List.of(withItems), SamplePlans.at(1)),
						new CampaignRule("Plain", null, true, List.of(plain), SamplePlans.at(2))),
				null, SamplePlans.at(1));
		return new JourneyPlan(base.formatVersion(), base.name(), base.title(), base.location(), base.entry(), base.reentry(),
				base.exits(), new Goal("purchase", null, 3 * DAY, SamplePlans.at(3)), base.attributes(), base.events(),
				base.features(), base.models(), base.stages(), List.of(picks), base.splits(), base.tests(), base.phases());
	}
}
