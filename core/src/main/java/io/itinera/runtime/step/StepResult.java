package io.itinera.runtime.step;

import java.util.List;

/**
 * Everything one step decided: the new state and the effects the host must carry out.
 * {@code goalsReached} (the visit's goal), {@code deliveryNotices} (messages suppressed by caps, held
 * by quiet hours, released or dropped; for reports) and {@code goalEvents} (every event that meets the
 * goal, in the journey or not; for conversions after a message) are empty in most steps.
 */
public record StepResult(
		CustomerState state,
		List<ActionRecord> actions,
		List<TimerRequest> timersToSet,
		List<String> timersToCancel,
		List<ScoreRequest> scoreRequests,
		List<StageChange> stageChanges,
		List<GoalReached> goalsReached,
		List<DeliveryNotice> deliveryNotices,
		List<GoalEvent> goalEvents) {

	/** The eight-part form: no goal events. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges,
			List<GoalReached> goalsReached, List<DeliveryNotice> deliveryNotices) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goalsReached, deliveryNotices, List.of());
	}

	/** The original six-part form: no goal reached. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, List.of(), List.of());
	}

	/** The seven-part form: no delivery notices. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges,
			List<GoalReached> goalsReached) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goalsReached, List.of());
	}
}
