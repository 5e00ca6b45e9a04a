package io.itinera.runtime.step;

/**
 * A customer reached the journey's goal at {@code at}, in the visit that began at {@code enteredAt}.
 * {@code value} is the goal event's value field (revenue); 0 when the goal has none or the event lacks it.
 * {@code journey} is set in a workspace run (null when one journey runs alone).
 */
public record GoalReached(String customerId, long at, String event, long enteredAt, double value, String journey) {
	public GoalReached(String customerId, long at, String event, long enteredAt, double value) {
		this(customerId, at, event, enteredAt, value, null);
	}

	public GoalReached inJourney(String journeyName) {
		return new GoalReached(customerId, at, event, enteredAt, value, journeyName);
	}
}
