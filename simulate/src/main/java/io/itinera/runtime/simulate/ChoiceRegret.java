package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.simulate.LearningFigures.Alternative;
import io.itinera.runtime.simulate.LearningFigures.LearningDecision;
import io.itinera.runtime.simulate.ResponseModel.Expectation;
import io.itinera.runtime.step.ActionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The regret of the decisions that choose among fixed alternatives, in a simulated market: an auto-winner
 * split (which arm's campaign a customer got) and a best offer ({@code with P = best of MODEL among …}). Over
 * the messages of the decision the market answered, the expected measure as chosen against the same messages
 * with each alternative instead (same customer, same local hour), from the market's true parameters
 * ({@link ResponseModel#expected}); the best fixed choice is the alternative with the highest sum. Expected, not
 * drawn, answers: the comparison has no sampling noise. An arm's counterfactual message is the one sent under
 * the arm's campaign (the market's entries keyed by campaign tell it apart); an offer's is the message with that
 * offer in its param.
 */
final class ChoiceRegret {
	/** One decision and its sums: as chosen, and per alternative. */
	private record Judged(String name, String kind, String measure, String note, List<String> choices,
			Map<String, double[]> sums, long[] messages, double[] chosen) {
	}

	private final Map<String, Judged> byArmCampaign = new HashMap<>();
	/** By campaign, then rule: the offer choices of the rule's sends (its param decides which one made a message). */
	private final Map<String, Map<String, List<Action.OfferChoice>>> offers = new HashMap<>();
	private final Map<String, Judged> byOffer = new HashMap<>();
	private final List<Judged> all = new ArrayList<>();

	ChoiceRegret(JourneyPlan plan) {
		for (Split split : plan.splits()) {
			if (!split.learns()) {
				continue;
			}
			List<String> arms = split.arms().stream().filter(arm -> !arm.holdout()).map(Split.Arm::campaign).toList();
			Judged judged = judged("split " + split.name(), "auto winner", "expected conversions",
					"expected conversions: the sum of the true purchase probabilities (open × click × purchase) of the "
							+ "arms' messages as chosen, against the same customers' messages under each arm's campaign",
					arms);
			arms.forEach(arm -> byArmCampaign.put(arm, judged));
		}
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				for (Action action : rule.actions()) {
					if (action instanceof Action.Send send && send.offerChoice() != null) {
						Action.OfferChoice choice = send.offerChoice();
						offers.computeIfAbsent(campaign.name(), c -> new HashMap<>()).computeIfAbsent(rule.title(), r -> new ArrayList<>())
								.add(choice);
						byOffer.put(key(campaign.name(), rule.title(), choice.param()), judged(
								campaign.name() + " / " + rule.title() + ": " + choice.param() + " = best of " + choice.model(),
								"best offer", "expected revenue",
								"expected revenue: the sum of the true purchase probabilities times the mean amount of the "
										+ "messages as chosen, against the same messages with each single offer",
								choice.offers()));
					}
				}
			}
		}
	}

	private Judged judged(String name, String kind, String measure, String note, List<String> choices) {
		Map<String, double[]> sums = new LinkedHashMap<>();
		choices.forEach(choice -> sums.put(choice, new double[1]));
		Judged judged = new Judged(name, kind, measure, note, choices, sums, new long[1], new double[1]);
		all.add(judged);
		return judged;
	}

	private static String key(String campaign, String rule, String param) {
		return campaign + "\u0000" + rule + "\u0000" + param;
	}

	/** A message the market answered, sent at {@code hour} local time to the customer whose attributes {@code attribute} gives. */
	void answered(ActionRecord action, ResponseModel model, Function<String, Object> attribute, int hour) {
		Judged arm = byArmCampaign.get(action.campaign());
		if (arm != null) {
			count(arm, action, model, attribute, hour, Expectation::purchase, campaign -> new ActionRecord(action.id(),
					action.customerId(), action.at(), campaign, action.rule(), action.kind(), action.channel(), action.target(),
					action.params(), action.scores(), action.journey(), action.version()));
		}
		Map<String, List<Action.OfferChoice>> byRule = offers.get(action.campaign());
		List<Action.OfferChoice> choices = byRule == null ? null : byRule.get(action.rule());
		if (choices == null || action.params() == null) {
			return;
		}
		for (Action.OfferChoice choice : choices) {
			if (action.params().containsKey(choice.param() + "ChosenBy")) {
				count(byOffer.get(key(action.campaign(), action.rule(), choice.param())), action, model, attribute, hour,
						Expectation::revenue, offer -> withParam(action, choice.param(), offer));
				return;
			}
		}
	}

	private static void count(Judged judged, ActionRecord action, ResponseModel model, Function<String, Object> attribute, int hour,
			Function<Expectation, Double> measure, Function<String, ActionRecord> instead) {
		judged.messages()[0]++;
		judged.chosen()[0] += measure.apply(model.expected(action, attribute, hour));
		judged.sums().forEach((choice, sum) -> sum[0] += measure.apply(model.expected(instead.apply(choice), attribute, hour)));
	}

	private static ActionRecord withParam(ActionRecord action, String param, String value) {
		Map<String, String> params = new LinkedHashMap<>(action.params());
		params.put(param, value);
		return new ActionRecord(action.id(), action.customerId(), action.at(), action.campaign(), action.rule(), action.kind(),
				action.channel(), action.target(), params, action.scores(), action.journey(), action.version());
	}

	/** One decision per auto-winner split and per best-offer send whose messages the market answered. */
	List<LearningDecision> decisions() {
		List<LearningDecision> decisions = new ArrayList<>();
		for (Judged judged : all) {
			if (judged.messages()[0] == 0) {
				continue;
			}
			String best = null;
			List<Alternative> others = new ArrayList<>();
			for (Map.Entry<String, double[]> choice : judged.sums().entrySet()) {
				others.add(new Alternative("always " + choice.getKey(), choice.getValue()[0]));
				if (best == null || choice.getValue()[0] > judged.sums().get(best)[0]) {
					best = choice.getKey();
				}
			}
			double bestFixed = judged.sums().get(best)[0];
			decisions.add(new LearningDecision(judged.name(), judged.kind(), judged.measure(), judged.messages()[0], judged.chosen()[0],
					"always " + best, bestFixed, bestFixed - judged.chosen()[0], others, judged.note()));
		}
		return decisions;
	}
}
