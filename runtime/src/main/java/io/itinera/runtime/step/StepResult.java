package io.itinera.runtime.step;

import java.util.List;

/**
 * Everything one step decided: the new state and the effects the host must carry out.
 * {@code goalsReached} (for reports) is empty in most steps.
 */
public record StepResult(
		CustomerState state,
		List<ActionRecord> actions,
		List<TimerRequest> timersToSet,
		List<String> timersToCancel,
		List<ScoreRequest> scoreRequests,
		List<StageChange> stageChanges,
		List<GoalReached> goalsReached) {

	/** The original six-part form: no goal reached. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, List.of());
	}
}
