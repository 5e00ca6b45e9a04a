package io.itinera.runtime.step;

/** Collects one step's effects ({@link StepResult.Builder}), and what the step function asks of them as it goes. */
final class StepOutcome {
	private final StepResult.Builder result;
	boolean stageEntered;
	boolean exited;

	StepOutcome(CustomerState state) {
		this.result = StepResult.builder(state);
	}

	void action(ActionRecord action) {
		result.action(action);
	}

	void setTimer(TimerRequest timer) {
		result.setTimer(timer);
	}

	/** A timer set earlier in this same step is simply not set; only older ones need cancelling. */
	void cancelTimer(String timerId) {
		if (!result.unsetTimer(timerId)) {
			result.cancelTimer(timerId);
		}
	}

	void requestScore(ScoreRequest request) {
		result.requestScore(request);
	}

	void stageChange(StageChange change) {
		result.stageChange(change);
	}

	void goalReached(GoalReached goal) {
		result.goalReached(goal);
	}

	void armOutcome(ArmOutcome armOutcome) {
		result.armOutcome(armOutcome);
	}

	void goalEvent(GoalEvent event) {
		result.goalEvent(event);
	}

	void deliveryNotice(DeliveryNotice notice) {
		result.deliveryNotice(notice);
	}

	StepResult result() {
		return result.build();
	}
}
