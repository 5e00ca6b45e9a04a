package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per rule that sends recommended items ({@code with items = model.items(n)}): how many such sends
 * there were, and how many were followed by the customer naming one of the sent items in a later
 * event (viewing, carting, buying it) within the goal window (7 days without a goal): the hit rate.
 */
final class RecommendationHits {
	private static final long DEFAULT_WINDOW = 7 * 86_400_000L;
	/** A customer's unresolved sends kept at once; older ones are dropped as misses. */
	private static final int PENDING_PER_CUSTOMER = 4;

	/** A send with items, waiting for the customer to name one of them. */
	record Pending(String ruleKey, Set<String> items, long sentAt) {
	}

	/** "campaign NUL rule" → the parameters that carry a recommender's items. */
	private final Map<String, List<String>> itemParams = new HashMap<>();
	/** "campaign NUL rule" → {sends with items, hits}. */
	private final Map<String, long[]> counts = new HashMap<>();
	private final long windowMillis;

	RecommendationHits(JourneyPlan plan) {
		this.windowMillis = plan.goal() == null ? DEFAULT_WINDOW : plan.goal().windowMillis();
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				List<String> params = new ArrayList<>();
				for (Action action : rule.actions()) {
					if (action instanceof Action.Send send) {
						send.params().stream().filter(p -> p.value() instanceof Expr.RecommendedItems)
								.forEach(p -> params.add(p.name()));
					}
				}
				if (!params.isEmpty()) {
					itemParams.put(JourneyFigures.ruleKey(campaign.name(), rule.title()), params);
				}
			}
		}
	}

	boolean tracksAny() {
		return !itemParams.isEmpty();
	}

	void sent(CustomerTrack track, ActionRecord action) {
		String key = JourneyFigures.ruleKey(action.campaign(), action.rule());
		List<String> params = itemParams.get(key);
		if (params == null || !"send".equals(action.kind())) {
			return;
		}
		Set<String> items = new java.util.HashSet<>();
		for (String param : params) {
			String value = action.params().get(param);
			if (value != null && !value.isEmpty()) {
				items.addAll(List.of(value.split(",")));
			}
		}
		if (items.isEmpty()) {
			return;
		}
		counts.computeIfAbsent(key, k -> new long[2])[0]++;
		if (track.pendingRecommendations == null) {
			track.pendingRecommendations = new ArrayList<>(1);
		}
		if (track.pendingRecommendations.size() == PENDING_PER_CUSTOMER) {
			track.pendingRecommendations.remove(0);
		}
		track.pendingRecommendations.add(new Pending(key, items, action.at()));
	}

	void event(CustomerTrack track, Event event) {
		List<Pending> pending = track.pendingRecommendations;
		if (pending == null || pending.isEmpty()) {
			return;
		}
		pending.removeIf(sent -> event.at() - sent.sentAt() > windowMillis);
		pending.removeIf(sent -> {
			for (Object value : event.fields().values()) {
				if (value != null && sent.items().contains(itemText(value))) {
					counts.get(sent.ruleKey())[1]++;
					return true;
				}
			}
			return false;
		});
	}

	/** {sends with items, hits} of a rule, or null when it sends none. */
	long[] counts(String ruleKey) {
		return counts.get(ruleKey);
	}

	private static String itemText(Object value) {
		if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
			return Long.toString(d.longValue());
		}
		return value.toString();
	}
}
