package io.itinera.runtime.plan;

import java.util.List;

/**
 * Rules that run for customers in {@code stages}. {@code quietHours} and {@code drl} (the raw
 * escape hatch) are null when absent.
 */
public record Campaign(String name, List<String> stages, List<Cap> caps, QuietHours quietHours,
		List<CampaignRule> rules, String drl, SourceLocation location) {
	public Campaign {
		stages = List.copyOf(stages);
		caps = List.copyOf(caps);
		rules = List.copyOf(rules);
	}
}
