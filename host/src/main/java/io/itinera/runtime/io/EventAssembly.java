package io.itinera.runtime.io;

import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.text.Shown;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checks and typing every log format shares once it has found the raw texts of a line. */
final class EventAssembly {
	/** A sentinel meaning "skip lines of this type". */
	static final Object SKIPPED = new Object();

	private final ColumnMapping mapping;
	private final EventSchema schema;
	private final TimeFormat timeFormat;
	private final TimeWindow window;
	private final Map<String, Object> eventNameBySourceType = new HashMap<>();
	private final Map<String, FieldRule[]> rulesByEvent = new HashMap<>();
	/** Every field is read from a column: the common case, read without looking at the rules. */
	private final boolean columnsOnly;
	private final RowCondition[] conditions;
	private String timeColumn;
	private boolean fieldsChecked;
	/** The names and values of the fields of the event being built. */
	private String[] names = new String[0];
	private Object[] values = new Object[0];

	EventAssembly(ColumnMapping mapping, EventSchema schema, TimeWindow window) {
		this.mapping = mapping;
		this.schema = schema;
		this.timeFormat = mapping.parsedTimeFormat();
		this.window = window;
		this.timeColumn = mapping.timeColumn();
		checkAggregates(mapping, schema);
		for (String event : schema.eventNames()) {
			rulesByEvent.put(event, schema.fields(event).stream().map(field -> mapping.fieldRule(field.name())).toArray(FieldRule[]::new));
		}
		this.columnsOnly = rulesByEvent.values().stream().flatMap(java.util.Arrays::stream).allMatch(rule -> rule.column() != null);
		this.conditions = mapping.conditions().toArray(RowCondition[]::new);
	}

	/** From now on events come without their fields, which are only checked ({@link ReadOptions#firstPass()}). */
	void checkFieldsOnly() {
		fieldsChecked = true;
	}

	/** How each of an event's fields is read, in the order of its declaration. */
	FieldRule[] rules(String event) {
		return rulesByEvent.get(event);
	}

	/** A sum or count needs a number field, a list a string field: said before any line is read. */
	private static void checkAggregates(ColumnMapping mapping, EventSchema schema) {
		for (String event : schema.eventNames()) {
			for (FieldDecl field : schema.fields(event)) {
				FieldRule rule = mapping.fieldRule(field.name());
				boolean numeric = field.type() == ValueType.DECIMAL || field.type() == ValueType.INT;
				String entry = "mapping field." + field.name() + "=" + mapping.fieldColumns().get(field.name()) + ": ";
				if ((rule.aggregate() == FieldRule.Aggregate.SUM || rule.aggregate() == FieldRule.Aggregate.COUNT) && !numeric) {
					throw new IllegalArgumentException(entry + event + "." + field.name() + " is a " + field.type().name()
							.toLowerCase(java.util.Locale.ROOT) + "; a sum or a count needs a decimal or int field");
				}
				if (rule.aggregate() == FieldRule.Aggregate.LIST && field.type() != ValueType.STRING) {
					throw new IllegalArgumentException(entry + event + "." + field.name() + " is a " + field.type().name()
							.toLowerCase(java.util.Locale.ROOT) + "; a list is text: declare the field a string");
				}
			}
		}
	}

	/** The name of the time column, for hints in reasons. */
	void timeColumn(String name) {
		this.timeColumn = name;
	}

	ColumnMapping mapping() {
		return mapping;
	}

	EventSchema schema() {
		return schema;
	}

	/** The customer id, normalised as the mapping says; null when the line is to be skipped (skip.customer=missing). */
	String customer(String text) throws BadLineException {
		if (text == null || text.isBlank()) {
			if (mapping.skipMissingCustomer()) {
				return null;
			}
			throw new BadLineException("missing customer id (skip such lines with --map skip.customer=missing)");
		}
		return switch (mapping.customerForm()) {
		case AS_IS -> text;
		case TRIM -> text.trim();
		case INTEGER -> wholeNumber(text.trim());
		};
	}

	/** {@code 17850.0} as {@code 17850}; a customer id that is no whole number is a dead letter. */
	private static String wholeNumber(String id) throws BadLineException {
		int point = id.indexOf('.');
		if (point > 0 && id.substring(point + 1).chars().allMatch(c -> c == '0')) {
			id = id.substring(0, point);
		}
		int start = id.startsWith("-") ? 1 : 0;
		if (id.length() > start && id.length() <= 19 && id.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
			return Long.toString(Long.parseLong(id));
		}
		throw new BadLineException("customer id " + Shown.quoted(id) + " is not a whole number (the mapping says customer=COL:integer)");
	}

	/** Whether the line meets every {@code where=} condition. */
	boolean kept(Row row) throws BadLineException {
		for (RowCondition condition : conditions) {
			if (!condition.holds(row)) {
				return false;
			}
		}
		return true;
	}

	/** The {@code group=} value of the line (trimmed); a line without one is a dead letter. */
	String groupValue(Row row) throws BadLineException {
		String value = row.text(mapping.groupColumn());
		if (value == null || value.isBlank()) {
			throw new BadLineException("no " + Shown.cut(mapping.groupColumn(), Shown.CELL) + " to group the line by (group="
					+ Shown.cut(mapping.groupColumn(), Shown.CELL) + ")");
		}
		return value.trim();
	}

	/**
	 * The row as the mapping's expressions read it: a name that is no column of the line may be a
	 * journey field the mapping renames ({@code field.quantity=Quantity}).
	 */
	Row resolving(Row row) {
		if (mapping.fieldRules().isEmpty()) {
			return row;
		}
		return name -> {
			String text = row.text(name);
			if (text == null) {
				FieldRule rule = mapping.fieldRules().get(name);
				if (rule != null && rule.column() != null && !rule.column().equals(name)) {
					return row.text(rule.column());
				}
			}
			return text;
		};
	}

	long time(String text) throws BadLineException {
		if (text == null || text.isBlank()) {
			throw new BadLineException("missing timestamp");
		}
		String trimmed = text.trim();
		long at = timeFormat.parse(trimmed);
		if (!window.contains(at)) {
			throw new BadLineException(window.refusal(trimmed, at, mapping.timeFormat(), timeColumn));
		}
		return at;
	}

	/** The journey event name for a source type, {@link #SKIPPED}, or a BadLineException for an unknown type. */
	Object eventName(String sourceType) throws BadLineException {
		if (sourceType == null || sourceType.isBlank()) {
			throw new BadLineException("missing event type; name its field with --map type=FIELD" + CsvEventParser.ONE_KIND_OF_EVENT);
		}
		Object known = eventNameBySourceType.get(sourceType);
		if (known == null) {
			String name = mapping.eventName(sourceType);
			if (name.equals(ColumnMapping.SKIP)) {
				known = SKIPPED;
			} else if (schema.declares(name)) {
				known = name;
			} else if (mapping.skipUnknownTypes()) {
				known = SKIPPED;
			} else {
				String shown = Shown.cut(sourceType, Shown.CELL);
				throw new BadLineException("unknown event type '" + shown + "': the journey declares "
						+ String.join(", ", schema.eventNames()) + " (map it with --map type." + shown
						+ "=EVENT, or skip it with type." + shown + "=-)");
			}
			if (eventNameBySourceType.size() < 10_000) {
				eventNameBySourceType.put(sourceType, known);
			}
		}
		return known;
	}

	/**
	 * Typed fields of the event; {@code raw} gives the text of a field read from a column, or null
	 * when absent or empty; {@code row} the columns for computed fields. With {@code group=} these are
	 * one line's values, which {@link LineGroup} combines (a counted field has none).
	 */
	Event event(String customer, long at, String eventName, List<FieldDecl> fields, FieldTexts raw, Row row) throws BadLineException {
		if (names.length < fields.size()) {
			names = new String[fields.size()];
			values = new Object[fields.size()];
		}
		int count = 0;
		FieldRule[] rules = columnsOnly ? null : rulesByEvent.get(eventName);
		for (int i = 0; i < fields.size(); i++) {
			FieldDecl field = fields.get(i);
			boolean fromColumn = columnsOnly || rules[i].column() != null;
			if (fieldsChecked && fromColumn && field.type() == ValueType.STRING) {
				continue; // a text read from a column has nothing to check: not even cut out of the line
			}
			String text = fromColumn ? raw.text(i) : rules[i].text(row);
			if (text != null && !text.isEmpty()) {
				Object value = EventSchema.typed(eventName, field, text);
				names[count] = field.name();
				values[count++] = value;
			}
		}
		if (fieldsChecked) {
			return new Event(customer, at, eventName, Map.of());
		}
		return new Event(customer, at, eventName, fieldMap(count));
	}

	/**
	 * The first {@code count} names and values as an immutable map (Event's Map.copyOf keeps it as it is):
	 * up to two fields without the entries and the array of Map.ofEntries.
	 */
	private Map<String, Object> fieldMap(int count) {
		return switch (count) {
		case 0 -> Map.of();
		case 1 -> Map.of(names[0], values[0]);
		case 2 -> Map.of(names[0], values[0], names[1], values[1]);
		default -> {
			@SuppressWarnings("unchecked")
			Map.Entry<String, Object>[] entries = new Map.Entry[count];
			for (int i = 0; i < count; i++) {
				entries[i] = Map.entry(names[i], values[i]);
			}
			yield Map.ofEntries(entries);
		}
		};
	}

	@FunctionalInterface
	interface FieldTexts {
		String text(int fieldIndex);
	}

	static String firstPresent(String mapped, List<String> candidates, java.util.function.Predicate<String> present) {
		if (mapped != null) {
			return mapped;
		}
		for (String candidate : candidates) {
			if (present.test(candidate)) {
				return candidate;
			}
		}
		return candidates.get(0);
	}
}
