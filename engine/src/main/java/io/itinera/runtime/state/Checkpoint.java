package io.itinera.runtime.state;

import java.util.List;
import java.util.Map;

/**
 * What a store writes in one atomic step: the customers changed since the last checkpoint (already
 * encoded, since the step function goes on changing the live objects), the ids of the actions
 * written since, the progress record and, when not null, the plan the run runs (its JSON), so a
 * restart knows which version of the journey the state belongs to, and the older versions some
 * customers still run on ({@code pinnedPlans}, JSON; null: unchanged).
 */
public record Checkpoint(
		RunProgress progress,
		Map<String, CustomerRecord> customers,
		List<String> actionIds,
		String plan,
		String pinnedPlans) {

	public Checkpoint(RunProgress progress, Map<String, CustomerRecord> customers, List<String> actionIds) {
		this(progress, customers, actionIds, null, null);
	}

	public Checkpoint(RunProgress progress, Map<String, CustomerRecord> customers, List<String> actionIds, String plan) {
		this(progress, customers, actionIds, plan, null);
	}
}
