package io.itinera.runtime.state;

import java.util.List;
import java.util.Map;

/**
 * What a store writes in one atomic step: the customers changed since the last checkpoint (already
 * encoded, since the step function goes on changing the live objects), the ids of the actions
 * written since, the progress record and, when not null, the plan the run runs (its JSON), so a
 * restart knows which version of the journey the state belongs to.
 */
public record Checkpoint(
		RunProgress progress,
		Map<String, CustomerRecord> customers,
		List<String> actionIds,
		String plan) {

	public Checkpoint(RunProgress progress, Map<String, CustomerRecord> customers, List<String> actionIds) {
		this(progress, customers, actionIds, null);
	}
}
