package io.itinera.runtime.io;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events a journey declares and the type of each field: what a log line must become. */
public final class EventSchema {
	private final Map<String, List<FieldDecl>> fieldsByEvent;

	public EventSchema(List<EventType> events) {
		Map<String, List<FieldDecl>> byEvent = new LinkedHashMap<>();
		for (EventType event : events) {
			byEvent.put(event.name(), event.fields());
		}
		this.fieldsByEvent = byEvent;
	}

	public static EventSchema of(JourneyPlan plan) {
		return new EventSchema(plan.events());
	}

	public boolean declares(String event) {
		return fieldsByEvent.containsKey(event);
	}

	public List<FieldDecl> fields(String event) {
		return fieldsByEvent.getOrDefault(event, List.of());
	}

	public java.util.Set<String> eventNames() {
		return fieldsByEvent.keySet();
	}

	/** The value of a field as its declared type: String, Double, Long or Boolean. */
	public static Object typed(String event, FieldDecl field, String text) throws BadLineException {
		ValueType type = field.type();
		try {
			return switch (type) {
			case STRING -> text;
			case DECIMAL -> Double.parseDouble(text);
			case INT -> Long.parseLong(text);
			case BOOLEAN -> parseBoolean(text);
			};
		} catch (NumberFormatException e) {
			throw new BadLineException("field " + event + "." + field.name() + ": '" + text + "' is not "
					+ (type == ValueType.INT ? "an int" : "a decimal"));
		}
	}

	private static Boolean parseBoolean(String text) throws BadLineException {
		switch (text.toLowerCase(java.util.Locale.ROOT)) {
		case "true", "1", "yes", "y":
			return Boolean.TRUE;
		case "false", "0", "no", "n":
			return Boolean.FALSE;
		default:
			throw new BadLineException("'" + text + "' is not a boolean (true/false)");
		}
	}
}
