package io.itinera.runtime.step;

/** A customer reached the journey's goal at {@code at}, in the visit that began at {@code enteredAt}. */
public record GoalReached(String customerId, long at, String event, long enteredAt) {
}
