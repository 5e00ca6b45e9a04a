package io.itinera.runtime.io;

import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.step.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one group ({@code --map group=COL}: one customer's lines of one event type with the
 * same value in COL) becoming one event: its time is the earliest line's, each field combined as
 * its {@link FieldRule.Aggregate} says (a field written plainly takes the earliest line's value).
 */
final class LineGroup {
	private final String customer;
	private final String type;
	private final List<FieldDecl> fields;
	private final FieldRule[] rules;
	private final Object[] values;
	private final long[] valueAt;
	private long at = Long.MAX_VALUE;
	private long lines;

	LineGroup(Event firstLine, List<FieldDecl> fields, FieldRule[] rules) {
		this.customer = firstLine.customerId();
		this.type = firstLine.type();
		this.fields = fields;
		this.rules = rules;
		this.values = new Object[fields.size()];
		this.valueAt = new long[fields.size()];
	}

	/** Adds a line, in file order. */
	void add(Event line) {
		lines++;
		at = Math.min(at, line.at());
		for (int i = 0; i < rules.length; i++) {
			Object value = line.fields().get(fields.get(i).name());
			if (value == null) {
				continue;
			}
			Object held = values[i];
			switch (rules[i].aggregate()) {
			case SUM -> values[i] = held == null ? value : held instanceof Long a && value instanceof Long b ? (Object) (a + b)
					: (Object) FieldRule.tidy(((Number) held).doubleValue() + ((Number) value).doubleValue());
			case FIRST -> {
				if (held == null || line.at() < valueAt[i]) {
					values[i] = value;
					valueAt[i] = line.at();
				}
			}
			case LAST -> {
				if (held == null || line.at() >= valueAt[i]) {
					values[i] = value;
					valueAt[i] = line.at();
				}
			}
			case LIST -> {
				if (held == null) {
					values[i] = new StringBuilder(value.toString());
				} else {
					((StringBuilder) held).append(FieldRule.LIST_SEPARATOR).append(value);
				}
			}
			case COUNT -> {
			}
			}
		}
	}

	/** The group's event, from the lines added so far. */
	Event event() {
		Map<String, Object> combined = new HashMap<>();
		for (int i = 0; i < rules.length; i++) {
			FieldDecl field = fields.get(i);
			Object value = rules[i].aggregate() == FieldRule.Aggregate.COUNT
					? (field.type() == ValueType.INT ? (Object) lines : (Object) (double) lines)
					: values[i] instanceof StringBuilder list ? list.toString() : values[i];
			if (value != null) {
				combined.put(field.name(), value);
			}
		}
		return new Event(customer, at, type, combined);
	}
}
