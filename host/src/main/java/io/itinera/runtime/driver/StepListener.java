package io.itinera.runtime.driver;

import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;

/** What a host does with the driver's work: count it, write it, report it. Called on the driver's thread. */
public interface StepListener {
	/**
	 * The customer's state (and clock) just before the driver applies {@code input} to it: what held
	 * from their previous input until this one (the simulator's segment sizes at each month's end).
	 */
	default void beforeStep(CustomerSlot customer, StepInput input) {
	}

	/** A step was applied to the customer; the driver has already taken its timers and score requests. */
	void onStep(CustomerSlot customer, StepInput input, StepResult result);

	/** An event came too late to be put in order ({@code customerClock}: the customer's time by then). */
	void onLateEvent(Event event, long line, long customerClock, long lateness);

	/** The step function threw on this input; the customer's state is as it was before it. */
	void onFailedInput(StepInput input, long line, RuntimeException error);

	/** A customer seen for the first time (nothing stored for them). */
	default void onNewCustomer(CustomerSlot customer) {
	}
}
