package io.itinera.serve;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.serve.metrics.ServeMetrics;

/** A step function that reports how long each input took (the step latency metric). */
final class TimedStep implements JourneyStep {
	private final JourneyStep step;
	private final ServeMetrics metrics;

	TimedStep(JourneyStep step, ServeMetrics metrics) {
		this.step = step;
		this.metrics = metrics;
	}

	@Override
	public CustomerState initialState(String customerId) {
		return step.initialState(customerId);
	}

	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		long started = System.nanoTime();
		StepResult result = step.apply(state, input);
		metrics.stepTook(System.nanoTime() - started);
		return result;
	}

	@Override
	public StepResult applyInPlace(CustomerState state, StepInput input) {
		long started = System.nanoTime();
		StepResult result = step.applyInPlace(state, input);
		metrics.stepTook(System.nanoTime() - started);
		return result;
	}
}
