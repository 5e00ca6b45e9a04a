package io.itinera.runtime.state;

import java.util.List;
import java.util.Map;

/**
 * What a store writes in one atomic step: the customers changed since the last checkpoint (already
 * encoded, since the step function goes on changing the live objects), the ids of the actions
 * written since, and the progress record.
 */
public record Checkpoint(
		RunProgress progress,
		Map<String, CustomerRecord> customers,
		List<String> actionIds) {
}
