package io.itinera.runtime.step;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sends whose offer a model chooses ({@code with coupon = best of OfferValue among …}): given a decided
 * action and the customer's scores, the action with its offer param, how it was chosen ({@code couponChosenBy}:
 * {@code model}, {@code explore}, or {@code unscored} while the model has not scored the customer: then the first
 * offer listed) and the offers' scores. Pure: exploring is decided by a hash of the action's id.
 */
final class OfferChoices {
	static final String BY_MODEL = "model";
	static final String BY_EXPLORING = "explore";
	static final String UNSCORED = "unscored";

	private record Choice(Action.OfferChoice offer, int[] models) {
	}

	/** By campaign, then rule title, then the action's index in the rule. */
	private final Map<String, Map<String, Map<Integer, Choice>>> choices = new HashMap<>();

	OfferChoices(JourneyPlan plan, Map<String, Integer> modelIndex) {
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				List<Action> actions = rule.actions();
				for (int a = 0; a < actions.size(); a++) {
					if (actions.get(a) instanceof Action.Send send && send.offerChoice() != null) {
						Action.OfferChoice offer = send.offerChoice();
						int[] models = offer.offers().stream()
								.mapToInt(o -> modelIndex.getOrDefault(Action.OfferChoice.scoreName(offer.model(), o), -1)).toArray();
						choices.computeIfAbsent(campaign.name(), c -> new HashMap<>())
								.computeIfAbsent(rule.title(), r -> new HashMap<>()).put(a, new Choice(offer, models));
					}
				}
			}
		}
	}

	/** The action with its offer chosen, or the action itself when its send chooses none. */
	ActionRecord choose(ActionRecord action, int actionIndex, double[] scores) {
		Map<String, Map<Integer, Choice>> byRule = choices.get(action.campaign());
		Map<Integer, Choice> byIndex = byRule == null ? null : byRule.get(action.rule());
		Choice choice = byIndex == null ? null : byIndex.get(actionIndex);
		if (choice == null) {
			return action;
		}
		List<String> offers = choice.offer().offers();
		Map<String, Double> allScores = new LinkedHashMap<>(action.scores());
		int best = -1;
		for (int o = 0; o < offers.size(); o++) {
			int model = choice.models()[o];
			double score = model < 0 || model >= scores.length ? Double.NaN : scores[model];
			if (!Double.isNaN(score)) {
				allScores.put(Action.OfferChoice.scoreName(choice.offer().model(), offers.get(o)), score);
				if (best < 0 || score > scores[choice.models()[best]]) {
					best = o;
				}
			}
		}
		String chosenBy = best < 0 ? UNSCORED : BY_MODEL;
		long hash = mix(action.id());
		if (choice.offer().exploreRate() > 0 && unit(hash) < choice.offer().exploreRate()) {
			best = (int) Long.remainderUnsigned(mix(hash + 0x9e3779b97f4a7c15L), offers.size());
			chosenBy = BY_EXPLORING;
		}
		Map<String, String> params = new LinkedHashMap<>(action.params());
		params.put(choice.offer().param(), offers.get(Math.max(best, 0)));
		params.put(choice.offer().param() + "ChosenBy", chosenBy);
		return new ActionRecord(action.id(), action.customerId(), action.at(), action.campaign(), action.rule(), action.kind(),
				action.channel(), action.target(), params, allScores, action.journey(), action.version());
	}

	/** A uniform number in [0, 1) from the hash's upper 53 bits. */
	private static double unit(long hash) {
		return (hash >>> 11) * 0x1.0p-53;
	}

	/** FNV-1a over the id's characters, then a 64-bit finaliser (SplitMix64's) so nearby ids spread. */
	private static long mix(String id) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < id.length(); i++) {
			hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
		}
		return mix(hash);
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}
}
