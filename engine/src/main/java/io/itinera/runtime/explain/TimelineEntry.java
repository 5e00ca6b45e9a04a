package io.itinera.runtime.explain;

import java.util.Map;

/**
 * One line of a customer's timeline: at {@code at} (epoch ms), in {@code journey}, something of
 * {@code kind} ({@code event}, {@code goal}, {@code stage}, {@code rule}, {@code send} or another
 * action kind, {@code held}, {@code not-sent}, {@code late}, {@code failed}), {@code what} it was,
 * {@code why} (the cause, the rule's verdict, the reason a message was not sent) and the
 * {@code values} involved (an event's fields, the values a condition read, a message's parameters).
 */
public record TimelineEntry(long at, String journey, String kind, String what, String why, Map<String, Object> values) {
	public TimelineEntry {
		values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
	}
}
