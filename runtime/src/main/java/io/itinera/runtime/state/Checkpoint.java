package io.itinera.runtime.state;

import io.itinera.runtime.step.TimerRequest;
import java.util.List;
import java.util.Map;

/**
 * What a store writes in one atomic step: the customers changed since the last checkpoint (their
 * states already serialised, since the step function may keep changing the live objects), each
 * with all its pending timers (an empty list deletes them), the ids of the actions written since,
 * and the progress record.
 */
public record Checkpoint(
		RunProgress progress,
		Map<String, byte[]> states,
		Map<String, List<TimerRequest>> timers,
		List<String> actionIds) {
}
