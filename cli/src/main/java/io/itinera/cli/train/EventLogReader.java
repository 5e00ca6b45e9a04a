package io.itinera.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.step.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an event log in JSON lines, one event per line:
 * {@code {"customerId":"c1","at":"2026-01-05T10:00:00Z","type":"purchase","fields":{"amount":42.5}}}.
 * {@code at} is ISO-8601 or epoch milliseconds; fields may also sit at the top level. Blank
 * lines are skipped; a bad line is an error that names the file and the line.
 */
public final class EventLogReader {
	private static final ObjectMapper JSON = new ObjectMapper();

	/** A line the reader cannot use. */
	public static final class BadLineException extends IOException {
		public BadLineException(Path file, long line, String problem) {
			super(file + ":" + line + ": " + problem);
		}
	}

	/** The log's events, grouped by customer, each customer's events in time order. */
	public Map<String, List<Event>> readByCustomer(Path file) throws IOException {
		Map<String, List<Event>> byCustomer = new LinkedHashMap<>();
		try (BufferedReader reader = Files.newBufferedReader(file)) {
			String text;
			long line = 0;
			while ((text = reader.readLine()) != null) {
				line++;
				if (text.isBlank()) {
					continue;
				}
				Event event = parse(file, line, text);
				byCustomer.computeIfAbsent(event.customerId(), id -> new ArrayList<>()).add(event);
			}
		}
		byCustomer.values().forEach(events -> events.sort(Comparator.comparingLong(Event::at)));
		return byCustomer;
	}

	private static Event parse(Path file, long line, String text) throws BadLineException {
		JsonNode node;
		try {
			node = JSON.readTree(text);
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new BadLineException(file, line, "not a JSON object (" + e.getOriginalMessage() + ")");
		}
		String customer = text(node, "customerId", "customer");
		String type = text(node, "type", "event");
		if (customer == null || type == null || !node.has("at")) {
			throw new BadLineException(file, line,
					"an event needs \"customerId\", \"type\" and \"at\", e.g. {\"customerId\":\"c1\",\"type\":\"purchase\","
							+ "\"at\":\"2026-01-05T10:00:00Z\",\"fields\":{\"amount\":42.5}}");
		}
		long at = time(file, line, node.get("at"));
		Map<String, Object> fields = new LinkedHashMap<>();
		JsonNode nested = node.get("fields");
		collect(nested != null && nested.isObject() ? nested : node, fields);
		return new Event(customer, at, type, fields);
	}

	private static void collect(JsonNode object, Map<String, Object> fields) {
		for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> field = it.next();
			String name = field.getKey();
			if (name.equals("customerId") || name.equals("customer") || name.equals("type") || name.equals("event")
					|| name.equals("at") || name.equals("fields")) {
				continue;
			}
			JsonNode value = field.getValue();
			if (value.isNumber()) {
				fields.put(name, value.doubleValue());
			} else if (value.isBoolean()) {
				fields.put(name, value.booleanValue());
			} else if (value.isTextual()) {
				fields.put(name, value.textValue());
			}
		}
	}

	private static String text(JsonNode node, String name, String alias) {
		JsonNode value = node.has(name) ? node.get(name) : node.get(alias);
		return value == null || value.isNull() ? null : value.asText();
	}

	private static long time(Path file, long line, JsonNode at) throws BadLineException {
		if (at.isNumber()) {
			return at.longValue();
		}
		try {
			return Instant.parse(at.asText()).toEpochMilli();
		} catch (DateTimeParseException e) {
			throw new BadLineException(file, line, "\"at\" must be ISO-8601 (2026-01-05T10:00:00Z) or epoch milliseconds, was "
					+ at);
		}
	}
}
