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
 *
 * <p>It also prepares an export whose lines are not yet events: a field may be computed
 * ({@code field.amount=Quantity*UnitPrice}), lines filtered ({@code where=Quantity>0}, several
 * ANDed; {@code skip.customer=missing}), the customer id normalised ({@code customer=CustomerID:integer}
 * reads {@code 17850.0} as {@code 17850}; {@code :trim} drops spaces), and the lines of one
 * customer's group made one event ({@code group=InvoiceNo} with {@code field.amount=sum(Quantity*UnitPrice)},
 * {@code count}, {@code first(…)}, {@code last(…)}, {@code list(…)}).
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
		String constantEvent,
		CustomerForm customerForm,
		boolean skipMissingCustomer,
		List<RowCondition> conditions,
		String groupColumn,
		Map<String, FieldRule> fieldRules) {

	public static final List<String> CUSTOMER_NAMES = List.of("customer", "customer_id", "customerId", "user_id", "userId");
	public static final List<String> TIME_NAMES = List.of("time", "timestamp", "ts", "event_time", "eventTime");
	public static final List<String> TYPE_NAMES = List.of("type", "event_type", "eventType", "event");
	/** A type name mapped to this is skipped silently (counted, not dead-lettered). */
	public static final String SKIP = "-";

	/** How a customer id is written down before use ({@code customer=COL:integer}). */
	public enum CustomerForm {
		/** As it is in the log. */
		AS_IS,
		/** Without spaces around it. */
		TRIM,
		/** A whole number written as a decimal, {@code 17850.0}, read as {@code 17850} (trimmed). */
		INTEGER
	}

	public ColumnMapping {
		typeNames = Map.copyOf(typeNames);
		fieldColumns = Map.copyOf(fieldColumns);
		conditions = List.copyOf(conditions);
		fieldRules = Map.copyOf(fieldRules);
	}

	public static ColumnMapping defaults() {
		return new ColumnMapping(null, null, "auto", null, Map.of(), Map.of(), ZoneOffset.UTC, false, null, CustomerForm.AS_IS,
				false, List.of(), null, Map.of());
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
		CustomerForm customerForm = CustomerForm.AS_IS;
		boolean skipMissingCustomer = false;
		List<RowCondition> conditions = new java.util.ArrayList<>();
		String group = null;
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
				for (CustomerForm form : List.of(CustomerForm.TRIM, CustomerForm.INTEGER)) {
					String suffix = ":" + form.name().toLowerCase(java.util.Locale.ROOT);
					if (value.endsWith(suffix) && value.length() > suffix.length()) {
						customer = value.substring(0, value.length() - suffix.length()).trim();
						customerForm = form;
					}
				}
			} else if (key.equals("where")) {
				conditions.add(RowCondition.parse(value));
			} else if (key.equals("skip.customer")) {
				if (!value.equals("missing")) {
					throw new IllegalArgumentException("mapping skip.customer=" + value + ": write skip.customer=missing to skip "
							+ "lines without a customer id (guest checkouts)");
				}
				skipMissingCustomer = true;
			} else if (key.equals("group")) {
				group = value;
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
				throw new IllegalArgumentException("mapping key '" + key + "' is unknown; use customer=COL[:integer|:trim], "
						+ "time=COL[:FORMAT], type=, type.SOURCE=EVENT (or -), event=EVENT (every line), field.FIELD=COL or EXPRESSION, "
						+ "where=CONDITION, skip.customer=missing, group=COL, zone=, unknown=skip|dead-letter");
			}
		}
		TimeFormat.of(timeFormat, zone);
		if (constantEvent != null && type != null) {
			throw new IllegalArgumentException("mapping has both type=" + type + " and event=" + constantEvent
					+ ": use type= for a log with a type column, event= for a log of one kind of event");
		}
		Map<String, FieldRule> rules = new LinkedHashMap<>();
		boolean grouped = group != null;
		// without group=, a column named "count" is still just a column
		fields.forEach((field, value) -> rules.put(field, !grouped && value.trim().equals("count") ? FieldRule.column("count")
				: FieldRule.parse(field, value)));
		if (group == null) {
			rules.forEach((field, rule) -> {
				if (rule.aggregateWritten()) {
					throw new IllegalArgumentException("mapping field." + field + "=" + fields.get(field) + " combines the lines of a "
							+ "group: name the column that groups them, e.g. group=InvoiceNo");
				}
			});
		}
		return new ColumnMapping(customer, time, timeFormat, type, typeNames, fields, zone, skipUnknown, constantEvent, customerForm,
				skipMissingCustomer, conditions, group, rules);
	}

	/** Whether lines are grouped into events ({@code group=COL}). */
	public boolean groups() {
		return groupColumn != null;
	}

	/**
	 * This mapping, for a host that reads one record at a time and never sees the end of its input;
	 * refuses {@code group=}, which needs the last line of each group.
	 *
	 * @throws IllegalArgumentException naming the host and what to do instead
	 */
	public ColumnMapping perRecord(String host) {
		if (groups()) {
			throw new IllegalArgumentException("--map group=" + groupColumn + " does not go with " + host + ": a live input never "
					+ "ends, so it never knows a group's last line. Group the lines of a file with itinera run or simulate, or send "
					+ "one event per " + groupColumn + ".");
		}
		return this;
	}

	/** How the mapping gets a journey field: a column (its own name when not mapped), arithmetic or an aggregate. */
	FieldRule fieldRule(String field) {
		FieldRule rule = fieldRules.get(field);
		return rule != null ? rule : FieldRule.column(field);
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
