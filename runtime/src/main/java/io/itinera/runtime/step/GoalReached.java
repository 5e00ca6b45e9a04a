package io.itinera.runtime.step;

/**
 * A customer reached the journey's goal at {@code at}, in the visit that began at {@code enteredAt}.
 * {@code value} is the goal event's value field (revenue); 0 when the goal has none or the event lacks it.
 */
public record GoalReached(String customerId, long at, String event, long enteredAt, double value) {
}
