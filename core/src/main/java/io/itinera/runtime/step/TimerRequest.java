package io.itinera.runtime.step;

/** A timer to set: fire {@code timerId} for the customer at {@code dueAt} (epoch ms). Ids are deterministic. */
public record TimerRequest(String customerId, String timerId, long dueAt) {
}
