package io.itinera.runtime.plan;

import java.util.List;

/**
 * Rules that run for customers in {@code stages}. {@code quietHours} and {@code drl} (the raw
 * escape hatch) are null when absent. {@code everyMillis} ({@code every D}): the rules also run
 * every D while the customer stays in one of the stages, counted from entering it; null for none.
 * {@code topic}: the subscription topic of its sends that name none themselves (raw DRL's too); null for none.
 */
public record Campaign(String name, List<String> stages, List<Cap> caps, QuietHours quietHours,
		List<CampaignRule> rules, String drl, SourceLocation location, Long everyMillis, String topic) {
	public Campaign {
		stages = List.copyOf(stages);
		caps = List.copyOf(caps);
		rules = List.copyOf(rules);
	}

	/** A campaign that names no topic for its sends. */
	public Campaign(String name, List<String> stages, List<Cap> caps, QuietHours quietHours, List<CampaignRule> rules,
			String drl, SourceLocation location, Long everyMillis) {
		this(name, stages, caps, quietHours, rules, drl, location, everyMillis, null);
	}

	/** A campaign without a schedule: its rules run on entering its stages and on events there. */
	public Campaign(String name, List<String> stages, List<Cap> caps, QuietHours quietHours, List<CampaignRule> rules,
			String drl, SourceLocation location) {
		this(name, stages, caps, quietHours, rules, drl, location, null);
	}
}
