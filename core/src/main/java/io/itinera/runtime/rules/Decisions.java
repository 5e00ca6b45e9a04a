package io.itinera.runtime.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The global the rules write their actions to ({@code decisions} in DRL). One per session, so
 * one per thread; emptied by {@link #drain()} after every evaluation.
 */
public final class Decisions {
	private static final Set<String> CHANNELS = Set.of("email", "sms", "push", "inapp");

	private final List<Decision> decided = new ArrayList<>(4);

	public Decision send(String campaign, String rule, String channel, String template) {
		String normalised = channel.toLowerCase(Locale.ROOT);
		if (!CHANNELS.contains(normalised)) {
			throw new IllegalArgumentException("rule \"" + rule + "\" of campaign " + campaign + " sends on channel " + channel
					+ ", which is none of " + CHANNELS);
		}
		return add(campaign, rule, "send", normalised, template);
	}

	public Decision tag(String campaign, String rule, String tag) {
		return add(campaign, rule, "tag", null, tag);
	}

	public Decision untag(String campaign, String rule, String tag) {
		return add(campaign, rule, "untag", null, tag);
	}

	public Decision webhook(String campaign, String rule, String url) {
		return add(campaign, rule, "webhook", null, url);
	}

	private Decision add(String campaign, String rule, String kind, String channel, String target) {
		int index = 0;
		for (Decision earlier : decided) {
			if (earlier.campaign().equals(campaign) && earlier.rule().equals(rule)) {
				index++;
			}
		}
		Decision decision = new Decision(campaign, rule, index, kind, channel, target);
		decided.add(decision);
		return decision;
	}

	/** A value as it goes into a webhook URL: rendered like a parameter, then URL-encoded. */
	public String urlValue(Object value) {
		return java.net.URLEncoder.encode(Decision.render(value), java.nio.charset.StandardCharsets.UTF_8);
	}

	/** What was decided since the last call, in firing order; leaves this collector empty. */
	public List<RuleAction> drain() {
		List<RuleAction> out = new ArrayList<>(decided.size());
		for (Decision decision : decided) {
			out.add(decision.toRuleAction());
		}
		decided.clear();
		return out;
	}

	/** Forgets what a failed evaluation decided. */
	void clear() {
		decided.clear();
	}
}
