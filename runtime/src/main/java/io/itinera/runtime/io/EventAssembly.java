package io.itinera.runtime.io;

import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.step.Event;
import java.util.Arrays;
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
	private String timeColumn;

	EventAssembly(ColumnMapping mapping, EventSchema schema, TimeWindow window) {
		this.mapping = mapping;
		this.schema = schema;
		this.timeFormat = mapping.parsedTimeFormat();
		this.window = window;
		this.timeColumn = mapping.timeColumn();
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

	String customer(String text) throws BadLineException {
		if (text == null || text.isBlank()) {
			throw new BadLineException("missing customer id");
		}
		return text;
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

	/** Typed fields of the event; {@code raw} gives the text of a field or null when absent or empty. */
	Event event(String customer, long at, String eventName, List<FieldDecl> fields, FieldTexts raw) throws BadLineException {
		// Built as an immutable map right away: Event's Map.copyOf then keeps it as it is.
		@SuppressWarnings("unchecked")
		Map.Entry<String, Object>[] values = new Map.Entry[fields.size()];
		int count = 0;
		for (int i = 0; i < fields.size(); i++) {
			String text = raw.text(i);
			if (text != null && !text.isEmpty()) {
				FieldDecl field = fields.get(i);
				values[count++] = Map.entry(field.name(), EventSchema.typed(eventName, field, text));
			}
		}
		return new Event(customer, at, eventName, Map.ofEntries(count == values.length ? values : Arrays.copyOf(values, count)));
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
