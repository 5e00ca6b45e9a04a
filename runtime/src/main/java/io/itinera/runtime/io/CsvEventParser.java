package io.itinera.runtime.io;

import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.step.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV lines (RFC 4180 quoting, no line breaks inside a cell) whose columns are named by a
 * header line or by {@code --columns}. Column lookups are resolved once, here, not per line.
 */
public final class CsvEventParser implements EventLineParser {
	private final EventAssembly assembly;
	private final char delimiter;
	private final int customerIndex;
	private final int timeIndex;
	private final int typeIndex;
	private final Map<String, int[]> fieldIndexesByEvent = new HashMap<>();
	private final int columnCount;
	private String[] cells;

	public CsvEventParser(List<String> columns, char delimiter, ColumnMapping mapping, EventSchema schema) {
		this.assembly = new EventAssembly(mapping, schema);
		this.delimiter = delimiter;
		this.columnCount = columns.size();
		this.cells = new String[Math.max(columns.size(), 8)];
		Map<String, Integer> indexByName = new HashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			indexByName.putIfAbsent(columns.get(i).trim(), i);
		}
		this.customerIndex = required(indexByName, mapping.customerColumn(), ColumnMapping.CUSTOMER_NAMES, "customer", columns);
		this.timeIndex = required(indexByName, mapping.timeColumn(), ColumnMapping.TIME_NAMES, "time", columns);
		this.typeIndex = mapping.constantEvent() != null ? -1
				: required(indexByName, mapping.typeColumn(), ColumnMapping.TYPE_NAMES, "type", columns);
		for (String event : schema.eventNames()) {
			List<FieldDecl> fields = schema.fields(event);
			int[] indexes = new int[fields.size()];
			for (int i = 0; i < fields.size(); i++) {
				indexes[i] = indexByName.getOrDefault(mapping.fieldColumn(fields.get(i).name()), -1);
			}
			fieldIndexesByEvent.put(event, indexes);
		}
	}

	private static int required(Map<String, Integer> indexByName, String mapped, List<String> candidates, String role,
			List<String> columns) {
		String name = EventAssembly.firstPresent(mapped, candidates, indexByName::containsKey);
		Integer index = indexByName.get(name);
		if (index == null) {
			throw new IllegalArgumentException("the log has no " + role + " column" + (mapped == null ? " (looked for "
					+ String.join(", ", candidates) + ")" : " '" + mapped + "'") + "; its columns are " + String.join(", ", columns)
					+ ". Name it with --map " + role + "=COLUMN");
		}
		return index;
	}

	/** Splits the header line of a CSV file into column names. */
	public static List<String> header(String line, char delimiter) {
		List<String> names = new ArrayList<>();
		String[] split = new String[64];
		int count;
		try {
			count = split(line, delimiter, split);
		} catch (BadLineException e) {
			throw new IllegalArgumentException("the header line cannot be read: " + e.getMessage());
		}
		while (count < 0) {
			split = new String[split.length * 2];
			try {
				count = split(line, delimiter, split);
			} catch (BadLineException e) {
				throw new IllegalArgumentException("the header line cannot be read: " + e.getMessage());
			}
		}
		for (int i = 0; i < count; i++) {
			String name = split[i].trim();
			names.add(i == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name);
		}
		return names;
	}

	@Override
	public Event parse(String line) throws BadLineException {
		int count = split(line, delimiter, cells);
		while (count < 0) {
			cells = new String[cells.length * 2];
			count = split(line, delimiter, cells);
		}
		if (count < columnCount && (count <= customerIndex || count <= timeIndex || count <= typeIndex)) {
			throw new BadLineException("expected " + columnCount + " columns, found " + count);
		}
		final int found = count;
		String customer = assembly.customer(cells[customerIndex]);
		long at = assembly.time(cells[timeIndex]);
		Object name = typeIndex < 0 ? assembly.eventName(assembly.mapping().constantEvent()) : assembly.eventName(cells[typeIndex]);
		if (name == EventAssembly.SKIPPED) {
			return null;
		}
		String event = (String) name;
		int[] indexes = fieldIndexesByEvent.get(event);
		String[] row = cells;
		return assembly.event(customer, at, event, assembly.schema().fields(event),
				i -> indexes[i] >= 0 && indexes[i] < found ? row[indexes[i]] : null);
	}

	/**
	 * Splits into {@code out}; returns the number of cells, or -1 when {@code out} is too small.
	 */
	static int split(String line, char delimiter, String[] out) throws BadLineException {
		int count = 0;
		int length = line.length();
		int i = 0;
		if (length > 0 && line.charAt(length - 1) == '\r') {
			length--;
		}
		while (true) {
			if (count == out.length) {
				return -1;
			}
			if (i < length && line.charAt(i) == '"') {
				StringBuilder cell = new StringBuilder();
				i++;
				while (true) {
					if (i >= length) {
						throw new BadLineException("unterminated quoted cell");
					}
					char c = line.charAt(i);
					if (c == '"') {
						if (i + 1 < length && line.charAt(i + 1) == '"') {
							cell.append('"');
							i += 2;
						} else {
							i++;
							break;
						}
					} else {
						cell.append(c);
						i++;
					}
				}
				out[count++] = cell.toString();
				if (i < length && line.charAt(i) != delimiter) {
					throw new BadLineException("text after a closing quote");
				}
			} else {
				int end = line.indexOf(delimiter, i);
				if (end < 0 || end > length) {
					end = length;
				}
				out[count++] = line.substring(i, end);
				i = end;
			}
			if (i >= length) {
				return count;
			}
			i++; // the delimiter
			if (i == length) {
				if (count == out.length) {
					return -1;
				}
				out[count++] = "";
				return count;
			}
		}
	}
}
