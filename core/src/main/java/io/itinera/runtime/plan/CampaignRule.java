package io.itinera.runtime.plan;

import java.util.List;

/** {@code rule "title" when condition then actions}, or {@code otherwise} (condition null). */
public record CampaignRule(String title, Expr condition, boolean otherwise, List<Action> actions,
		SourceLocation location) {
	public CampaignRule {
		actions = List.copyOf(actions);
	}
}
