package io.itinera.runtime.io;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an event log keeps the customer id, the time, the event type and each field, and how to
 * translate its event type names, so a shop's export can be read as it is. Parsed from
 * {@code --map customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,
 * type.fav=-,field.price=item_price,zone=Europe/Paris,unknown=skip}. A log with one kind of event
 * and no type column names it with {@code event=order}.
 *
 * <p>Without a mapping the customer, time and type columns are found by their usual names
 * ({@link #CUSTOMER_NAMES}, …) and each field by its own name.
 */
public record ColumnMapping(
		String customerColumn,
		String timeColumn,
		String timeFormat,
		String typeColumn,
		Map<String, String> typeNames,
		Map<String, String> fieldColumns,
		ZoneId zone,
		boolean skipUnknownTypes,
		String constantEvent) {

	public static final List<String> CUSTOMER_NAMES = List.of("customer", "customer_id", "customerId", "user_id", "userId");
	public static final List<String> TIME_NAMES = List.of("time", "timestamp", "ts", "event_time", "eventTime");
	public static final List<String> TYPE_NAMES = List.of("type", "event_type", "eventType", "event");
	/** A type name mapped to this is skipped silently (counted, not dead-lettered). */
	public static final String SKIP = "-";

	public ColumnMapping {
		typeNames = Map.copyOf(typeNames);
		fieldColumns = Map.copyOf(fieldColumns);
	}

	/** A mapping whose log names each line's event type in a column. */
	public ColumnMapping(String customerColumn, String timeColumn, String timeFormat, String typeColumn,
			Map<String, String> typeNames, Map<String, String> fieldColumns, ZoneId zone, boolean skipUnknownTypes) {
		this(customerColumn, timeColumn, timeFormat, typeColumn, typeNames, fieldColumns, zone, skipUnknownTypes, null);
	}

	public static ColumnMapping defaults() {
		return new ColumnMapping(null, null, "auto", null, Map.of(), Map.of(), ZoneOffset.UTC, false);
	}

	/** @throws IllegalArgumentException with a message that says which entry is wrong and what is expected */
	public static ColumnMapping parse(String spec) {
		String customer = null;
		String time = null;
		String timeFormat = "auto";
		String type = null;
		Map<String, String> typeNames = new LinkedHashMap<>();
		Map<String, String> fields = new LinkedHashMap<>();
		ZoneId zone = ZoneOffset.UTC;
		boolean skipUnknown = false;
		String constantEvent = null;
		if (spec == null || spec.isBlank()) {
			return defaults();
		}
		for (String entry : spec.split(",")) {
			String trimmed = entry.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			int eq = trimmed.indexOf('=');
			if (eq <= 0 || eq == trimmed.length() - 1) {
				throw new IllegalArgumentException("mapping entry '" + trimmed + "' must be KEY=VALUE, e.g. customer=user_id");
			}
			String key = trimmed.substring(0, eq).trim();
			String value = trimmed.substring(eq + 1).trim();
			if (key.equals("customer")) {
				customer = value;
			} else if (key.equals("time")) {
				int colon = value.indexOf(':');
				time = colon < 0 ? value : value.substring(0, colon);
				timeFormat = colon < 0 ? "auto" : value.substring(colon + 1);
			} else if (key.equals("type")) {
				type = value;
			} else if (key.equals("event")) {
				constantEvent = value;
			} else if (key.startsWith("type.") && key.length() > 5) {
				typeNames.put(key.substring(5), value);
			} else if (key.startsWith("field.") && key.length() > 6) {
				fields.put(key.substring(6), value);
			} else if (key.equals("zone")) {
				try {
					zone = ZoneId.of(value);
				} catch (RuntimeException e) {
					throw new IllegalArgumentException("mapping zone '" + value + "' is not a time zone; use e.g. UTC or Europe/Paris");
				}
			} else if (key.equals("unknown")) {
				if (!value.equals("skip") && !value.equals("dead-letter")) {
					throw new IllegalArgumentException("mapping unknown=" + value + ": use unknown=skip or unknown=dead-letter");
				}
				skipUnknown = value.equals("skip");
			} else {
				throw new IllegalArgumentException("mapping key '" + key + "' is unknown; use customer=, time=COL[:FORMAT], type=, "
						+ "type.SOURCE=EVENT (or -), event=EVENT (every line), field.FIELD=COL, zone=, unknown=skip|dead-letter");
			}
		}
		TimeFormat.of(timeFormat, zone);
		if (constantEvent != null && type != null) {
			throw new IllegalArgumentException("mapping has both type=" + type + " and event=" + constantEvent
					+ ": use type= for a log with a type column, event= for a log of one kind of event");
		}
		return new ColumnMapping(customer, time, timeFormat, type, typeNames, fields, zone, skipUnknown, constantEvent);
	}

	public TimeFormat parsedTimeFormat() {
		return TimeFormat.of(timeFormat, zone);
	}

	/** The journey's event name for a type written in the log (unchanged when not mapped). */
	public String eventName(String sourceType) {
		return typeNames.getOrDefault(sourceType, sourceType);
	}

	/** The log column that holds a journey field. */
	public String fieldColumn(String field) {
		return fieldColumns.getOrDefault(field, field);
	}
}
