package io.itinera.runtime.step;

/**
 * The journey's transition function: deterministic, no clocks, no I/O, no threads. Every host
 * (local engine, simulator, tests) drives customers through it.
 */
public interface JourneyStep {
	CustomerState initialState(String customerId);

	/** Leaves {@code state} untouched; the result holds a new state. */
	StepResult apply(CustomerState state, StepInput input);

	/**
	 * Like {@link #apply}, but may update {@code state} itself: for hosts that own each customer's
	 * state exclusively and want no copy per input.
	 */
	default StepResult applyInPlace(CustomerState state, StepInput input) {
		return apply(state, input);
	}
}
