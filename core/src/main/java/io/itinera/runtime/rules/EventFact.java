package io.itinera.runtime.rules;

import java.util.Map;

/** The event that triggered a rule evaluation, as rules see it. */
public final class EventFact {
	private final String type;
	private final long at;
	private final Map<String, Object> fields;

	public EventFact(String type, long at, Map<String, Object> fields) {
		this.type = type;
		this.at = at;
		this.fields = fields;
	}

	public String getType() {
		return type;
	}

	public long getAt() {
		return at;
	}

	public Map<String, Object> getFields() {
		return fields;
	}

	/** A field's value (String, Double, Long or Boolean), or null. */
	public Object get(String field) {
		return fields.get(field);
	}

	/** A numeric field's value, NaN when it is missing or not a number. */
	public double getNumber(String field) {
		return fields.get(field) instanceof Number number ? number.doubleValue() : Double.NaN;
	}

	@Override
	public String toString() {
		return type + fields;
	}
}
