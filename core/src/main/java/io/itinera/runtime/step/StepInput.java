package io.itinera.runtime.step;

/** One thing that happens to one customer: an event, a timer firing, or a fresh model score. */
public sealed interface StepInput permits Event, TimerFired, ScoreUpdate {
	String customerId();

	/** Event time in epoch milliseconds. */
	long at();
}
