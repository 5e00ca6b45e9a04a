package io.itinera.runtime.testing;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import java.util.List;

/**
 * A step whose score requests no model answers: a test gives the scores itself ({@code given score
 * churn = 0.8}), so what the step asks of a model is left unasked and the given score stays.
 */
final class UnansweredScores implements JourneyStep {
	private final JourneyStep step;

	UnansweredScores(JourneyStep step) {
		this.step = step;
	}

	@Override
	public CustomerState initialState(String customerId) {
		return step.initialState(customerId);
	}

	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		return withoutScoreRequests(step.apply(state, input));
	}

	@Override
	public StepResult applyInPlace(CustomerState state, StepInput input) {
		return withoutScoreRequests(step.applyInPlace(state, input));
	}

	static StepResult withoutScoreRequests(StepResult result) {
		if (result.scoreRequests().isEmpty()) {
			return result;
		}
		return new StepResult(result.state(), result.actions(), result.timersToSet(), result.timersToCancel(), List.of(),
				result.stageChanges(), result.goalsReached(), result.deliveryNotices(), result.goalEvents());
	}
}
