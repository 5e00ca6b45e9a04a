package io.itinera.runtime.rules;

import java.util.Map;

/**
 * What made the rules run: an event (with its fields), or nothing when the customer has just
 * entered a stage ({@code type} null). A field of another event than this one reads as absent.
 */
public final class Trigger {
	private static final Trigger STAGE_ENTRY = new Trigger(null, Map.of());

	private final String type;
	private final Map<String, Object> fields;

	public Trigger(String type, Map<String, Object> fields) {
		this.type = type;
		this.fields = fields;
	}

	public static Trigger stageEntry() {
		return STAGE_ENTRY;
	}

	public String getType() {
		return type;
	}

	public Object field(String event, String field) {
		return event.equals(type) ? fields.get(field) : null;
	}

	public String text(String event, String field) {
		Object value = field(event, field);
		return value == null ? null : value.toString();
	}

	public double number(String event, String field) {
		return field(event, field) instanceof Number number ? number.doubleValue() : Double.NaN;
	}

	public boolean flag(String event, String field) {
		return Boolean.TRUE.equals(field(event, field));
	}

	@Override
	public String toString() {
		return type == null ? "Trigger[stage entry]" : "Trigger[" + type + " " + fields + "]";
	}
}
