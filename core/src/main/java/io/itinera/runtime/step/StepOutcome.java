package io.itinera.runtime.step;

import java.util.ArrayList;
import java.util.List;

/** Collects one step's effects; lists are created only when something goes into them. */
final class StepOutcome {
	private final CustomerState state;
	private List<ActionRecord> actions;
	private List<TimerRequest> timersToSet;
	private List<String> timersToCancel;
	private List<ScoreRequest> scoreRequests;
	private List<StageChange> stageChanges;
	private List<GoalReached> goalsReached;
	private List<DeliveryNotice> deliveryNotices;
	private List<GoalEvent> goalEvents;
	boolean stageEntered;
	boolean exited;

	StepOutcome(CustomerState state) {
		this.state = state;
	}

	void action(ActionRecord action) {
		if (actions == null) {
			actions = new ArrayList<>(2);
		}
		actions.add(action);
	}

	void setTimer(TimerRequest timer) {
		if (timersToSet == null) {
			timersToSet = new ArrayList<>(2);
		}
		timersToSet.add(timer);
	}

	/** A timer set earlier in this same step is simply not set; only older ones need cancelling. */
	void cancelTimer(String timerId) {
		if (timersToSet != null && timersToSet.removeIf(timer -> timer.timerId().equals(timerId))) {
			return;
		}
		if (timersToCancel == null) {
			timersToCancel = new ArrayList<>(2);
		}
		timersToCancel.add(timerId);
	}

	void requestScore(ScoreRequest request) {
		if (scoreRequests == null) {
			scoreRequests = new ArrayList<>(1);
		}
		scoreRequests.add(request);
	}

	void stageChange(StageChange change) {
		if (stageChanges == null) {
			stageChanges = new ArrayList<>(2);
		}
		stageChanges.add(change);
	}

	void goalReached(GoalReached goal) {
		if (goalsReached == null) {
			goalsReached = new ArrayList<>(1);
		}
		goalsReached.add(goal);
	}

	void goalEvent(GoalEvent event) {
		if (goalEvents == null) {
			goalEvents = new ArrayList<>(1);
		}
		goalEvents.add(event);
	}

	void deliveryNotice(DeliveryNotice notice) {
		if (deliveryNotices == null) {
			deliveryNotices = new ArrayList<>(1);
		}
		deliveryNotices.add(notice);
	}

	StepResult result() {
		return new StepResult(state, orEmpty(actions), orEmpty(timersToSet), orEmpty(timersToCancel), orEmpty(scoreRequests),
				orEmpty(stageChanges), orEmpty(goalsReached), orEmpty(deliveryNotices), orEmpty(goalEvents));
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return list == null ? List.of() : list;
	}
}
