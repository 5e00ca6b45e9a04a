package io.itinera.runtime.step;

/**
 * An event that meets the journey's goal (its type and condition) at {@code at}, whether or not the
 * customer is in the journey and whether or not their visit had converted already: what reports count
 * as a conversion after a message ({@link io.itinera.runtime.plan.Goal#afterSendMillis()}). {@code value}
 * is the goal's value field (0 without one); {@code journey} is set in a workspace run.
 */
public record GoalEvent(String customerId, long at, double value, String journey) {
	public GoalEvent inJourney(String journeyName) {
		return new GoalEvent(customerId, at, value, journeyName);
	}
}
