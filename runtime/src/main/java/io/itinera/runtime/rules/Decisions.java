package io.itinera.runtime.rules;

import io.itinera.runtime.plan.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The global the generated rules write their actions to ({@code decisions} in DRL). One per
 * evaluation (or per thread, cleared between evaluations); never shared across threads.
 */
public final class Decisions {
	private final List<Decision> decided = new ArrayList<>(4);

	public Decision send(String campaign, String rule, String channel, String template) {
		return add(new Decision(campaign, rule, Decision.Kind.SEND, Channel.valueOf(channel.toUpperCase(Locale.ROOT)),
				template));
	}

	public Decision tag(String campaign, String rule, String tag) {
		return add(new Decision(campaign, rule, Decision.Kind.TAG, null, tag));
	}

	public Decision untag(String campaign, String rule, String tag) {
		return add(new Decision(campaign, rule, Decision.Kind.UNTAG, null, tag));
	}

	public Decision webhook(String campaign, String rule, String url) {
		return add(new Decision(campaign, rule, Decision.Kind.WEBHOOK, null, url));
	}

	private Decision add(Decision decision) {
		decided.add(decision);
		return decision;
	}

	/** What was decided since the last call, in firing order; leaves this collector empty. */
	public List<Decision> drain() {
		List<Decision> out = List.copyOf(decided);
		decided.clear();
		return out;
	}
}
