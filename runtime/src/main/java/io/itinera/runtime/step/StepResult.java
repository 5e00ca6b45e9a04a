package io.itinera.runtime.step;

import java.util.List;

/** Everything one step decided: the new state and the effects the host must carry out. */
public record StepResult(
		CustomerState state,
		List<ActionRecord> actions,
		List<TimerRequest> timersToSet,
		List<String> timersToCancel,
		List<ScoreRequest> scoreRequests,
		List<StageChange> stageChanges) {
}
