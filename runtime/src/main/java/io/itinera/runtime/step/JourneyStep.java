package io.itinera.runtime.step;

/**
 * The journey's transition function: deterministic, no clocks, no I/O, no threads. Every host
 * (local engine, simulator, tests) drives customers through it.
 */
public interface JourneyStep {
	CustomerState initialState(String customerId);

	StepResult apply(CustomerState state, StepInput input);
}
