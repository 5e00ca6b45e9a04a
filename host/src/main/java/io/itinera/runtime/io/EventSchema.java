package io.itinera.runtime.io;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.text.Shown;
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
			case DECIMAL -> decimal(text);
			case INT -> Long.parseLong(text);
			case BOOLEAN -> parseBoolean(text);
			};
		} catch (NumberFormatException e) {
			throw new BadLineException("field " + event + "." + field.name() + ": " + Shown.quoted(text) + " is not "
					+ (type == ValueType.INT ? "an int" : "a decimal"));
		}
	}

	/**
	 * A finite decimal written as digits, an optional point and exponent ({@code 12}, {@code -0.5},
	 * {@code 1e3}); not NaN, Infinity, hexadecimal or Java's {@code 1d}/{@code 1f} suffixes, which
	 * {@link Double#parseDouble} would take.
	 */
	static double decimal(String text) {
		int i = 0;
		int n = text.length();
		if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
			i++;
		}
		int digits = 0;
		while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			i++;
			digits++;
		}
		if (i < n && text.charAt(i) == '.') {
			i++;
			while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				i++;
				digits++;
			}
		}
		if (digits > 0 && i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
			i++;
			if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
				i++;
			}
			int exponent = 0;
			while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				i++;
				exponent++;
			}
			if (exponent == 0) {
				throw new NumberFormatException(text);
			}
		}
		if (digits == 0 || i != n) {
			throw new NumberFormatException(text);
		}
		double value = Double.parseDouble(text);
		if (Double.isInfinite(value)) {
			throw new NumberFormatException(text);
		}
		return value;
	}

	private static Boolean parseBoolean(String text) throws BadLineException {
		switch (text.toLowerCase(java.util.Locale.ROOT)) {
		case "true", "1", "yes", "y":
			return Boolean.TRUE;
		case "false", "0", "no", "n":
			return Boolean.FALSE;
		default:
			throw new BadLineException(Shown.quoted(text) + " is not a boolean (true/false)");
		}
	}
}
