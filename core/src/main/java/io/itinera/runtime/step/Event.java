package io.itinera.runtime.step;

import java.util.Map;

/**
 * A customer event as read from a log or a live source. Field values are String, Double,
 * Long or Boolean, typed by the journey's event declaration.
 */
public record Event(String customerId, long at, String type, Map<String, Object> fields) implements StepInput {
	public Event {
		fields = Map.copyOf(fields);
	}
}
