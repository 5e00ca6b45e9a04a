package io.itinera.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.text.Shown;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object a line. Scalars at the top level are columns; an object under
 * {@code "fields"} is flattened into them, so both {@code {"price": 3}} and
 * {@code {"fields": {"price": 3}}} work. Other nested values are ignored.
 */
public final class JsonLinesEventParser implements EventLineParser {
	private static final JsonFactory JSON = new JsonFactory();
	private final EventAssembly assembly;
	private final Map<String, String> values = new HashMap<>();
	private final FlatJsonLine flat = new FlatJsonLine();
	private final Row row;
	private String groupValue;

	public JsonLinesEventParser(ColumnMapping mapping, EventSchema schema) {
		this(mapping, schema, TimeWindow.startingNow());
	}

	public JsonLinesEventParser(ColumnMapping mapping, EventSchema schema, TimeWindow window) {
		this.assembly = new EventAssembly(mapping, schema, window);
		this.row = assembly.resolving(this::value);
	}

	/** Events without their fields from now on ({@link ReadOptions#firstPass()}). */
	public void checkFieldsOnly() {
		assembly.checkFieldsOnly();
	}

	@Override
	public String groupValue() {
		return groupValue;
	}

	@Override
	public boolean groupsLines() {
		return assembly.mapping().groups();
	}

	/** The text of a key in the line last parsed (null when absent or empty); for --dedupe. */
	String value(String key) {
		String value = values.get(key);
		return value == null || value.isEmpty() ? null : value;
	}

	@Override
	public Event parse(String line) throws BadLineException {
		values.clear();
		if (!flat.read(line, values)) {
			readWithJackson(line);
		}
		ColumnMapping mapping = assembly.mapping();
		if (!assembly.kept(row)) {
			return null;
		}
		String customer = assembly.customer(values.get(
				EventAssembly.firstPresent(mapping.customerColumn(), ColumnMapping.CUSTOMER_NAMES, values::containsKey)));
		if (customer == null) {
			return null;
		}
		String timeKey = EventAssembly.firstPresent(mapping.timeColumn(), ColumnMapping.TIME_NAMES, values::containsKey);
		assembly.timeColumn(timeKey);
		long at = assembly.time(values.get(timeKey));
		Object name = assembly.eventName(mapping.constantEvent() != null ? mapping.constantEvent() : values.get(
				EventAssembly.firstPresent(mapping.typeColumn(), ColumnMapping.TYPE_NAMES, values::containsKey)));
		if (name == EventAssembly.SKIPPED) {
			return null;
		}
		String event = (String) name;
		List<FieldDecl> fields = assembly.schema().fields(event);
		if (mapping.groups()) {
			groupValue = assembly.groupValue(row);
		}
		FieldRule[] rules = assembly.rules(event);
		return assembly.event(customer, at, event, fields, i -> values.get(rules[i].column()), row);
	}

	private void readWithJackson(String line) throws BadLineException {
		values.clear();
		try (JsonParser parser = JSON.createParser(line)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new BadLineException("not a JSON object");
			}
			readObject(parser, true);
			if (parser.nextToken() != null) {
				throw new BadLineException("text after the JSON object");
			}
		} catch (IOException e) {
			throw new BadLineException("not valid JSON: " + Shown.cut(firstLine(e.getMessage())));
		}
	}

	private void readObject(JsonParser parser, boolean topLevel) throws IOException {
		JsonToken token;
		while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value == JsonToken.START_OBJECT) {
				if (topLevel && name.equals("fields")) {
					readObject(parser, false);
				} else {
					parser.skipChildren();
				}
			} else if (value == JsonToken.START_ARRAY) {
				parser.skipChildren();
			} else if (value != JsonToken.VALUE_NULL) {
				values.putIfAbsent(name, parser.getText());
			}
		}
		if (token != JsonToken.END_OBJECT) {
			throw new IOException("unexpected " + token);
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}
}
