package io.itinera.runtime.step;

/** A timer the step function asked for has come due (in event time on replay, wall time live). */
public record TimerFired(String customerId, String timerId, long at) implements StepInput {
}
