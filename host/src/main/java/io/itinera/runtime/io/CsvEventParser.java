package io.itinera.runtime.io;

import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.text.Shown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads CSV lines (RFC 4180 quoting, no line breaks inside a cell) whose columns are named by a
 * header line or by {@code --columns}. Column lookups are resolved once, here, not per line.
 * The delimiter {@link #WHITESPACE} splits at runs of spaces and tabs and ignores them at the start
 * and end of a line (no quoting, no empty cells).
 */
public final class CsvEventParser implements EventLineParser {
	/** The delimiter that means "runs of spaces and tabs". */
	public static final char WHITESPACE = '\0';

	private final EventAssembly assembly;
	private final char delimiter;
	private final int customerIndex;
	private final int timeIndex;
	private final int typeIndex;
	private final Map<String, int[]> fieldIndexesByEvent = new HashMap<>();
	private final int columnCount;
	private final Map<String, Integer> indexByName = new HashMap<>();
	private final Row row;
	/** The line last parsed and where its cells are: made into strings only when read ({@link #text}). */
	private String line;
	private Cells cells;
	/** The source types seen, to find a line's type without cutting it out (at most {@link #KNOWN_TYPES}). */
	private final String[] knownTypes = new String[KNOWN_TYPES];
	private static final int KNOWN_TYPES = 16;
	/** The field columns of the event being built, for {@link #fieldTexts}. */
	private int[] eventFieldIndexes;
	private final EventAssembly.FieldTexts fieldTexts = i -> eventFieldIndexes[i] >= 0 ? text(eventFieldIndexes[i]) : null;
	private String groupValue;

	public CsvEventParser(List<String> columns, char delimiter, ColumnMapping mapping, EventSchema schema) {
		this(columns, delimiter, mapping, schema, TimeWindow.startingNow());
	}

	public CsvEventParser(List<String> columns, char delimiter, ColumnMapping mapping, EventSchema schema, TimeWindow window) {
		this.assembly = new EventAssembly(mapping, schema, window);
		this.delimiter = delimiter;
		this.columnCount = columns.size();
		this.cells = new Cells(Math.max(columns.size(), 8));
		for (int i = 0; i < columns.size(); i++) {
			indexByName.putIfAbsent(columns.get(i).trim(), i);
		}
		this.customerIndex = required(indexByName, mapping.customerColumn(), ColumnMapping.CUSTOMER_NAMES, "customer", columns);
		this.timeIndex = required(indexByName, mapping.timeColumn(), ColumnMapping.TIME_NAMES, "time", columns);
		assembly.timeColumn(columns.get(timeIndex).trim());
		this.typeIndex = mapping.constantEvent() != null ? -1
				: required(indexByName, mapping.typeColumn(), ColumnMapping.TYPE_NAMES, "type", columns);
		for (String event : schema.eventNames()) {
			List<FieldDecl> fields = schema.fields(event);
			int[] indexes = new int[fields.size()];
			FieldRule[] rules = assembly.rules(event);
			for (int i = 0; i < fields.size(); i++) {
				indexes[i] = rules[i].column() == null ? -1 : indexByName.getOrDefault(rules[i].column(), -1);
			}
			fieldIndexesByEvent.put(event, indexes);
		}
		this.row = assembly.resolving(name -> {
			Integer index = indexByName.get(name);
			return index != null ? text(index) : null;
		});
		checkNamedColumns(mapping, columns);
	}

	/** A condition, a field or the group naming a column the log does not have is refused before reading. */
	private void checkNamedColumns(ColumnMapping mapping, List<String> columns) {
		List<String> named = new ArrayList<>();
		mapping.conditions().forEach(condition -> named.addAll(condition.names()));
		int fromConditions = named.size();
		mapping.fieldRules().values().forEach(rule -> {
			if (rule.computed() != null) {
				named.addAll(rule.computed().names());
			} else if (rule.column() != null) {
				named.add(rule.column()); // field.price=nope: a typo would leave every price missing
			}
		});
		if (mapping.groups()) {
			named.add(mapping.groupColumn());
		}
		for (int i = 0; i < named.size(); i++) {
			String name = named.get(i);
			FieldRule renamed = mapping.fieldRules().get(name);
			if (!indexByName.containsKey(name) && (renamed == null || renamed.column() == null || !indexByName.containsKey(renamed.column()))) {
				throw new IllegalArgumentException("the mapping reads a column '" + Shown.cut(name, Shown.CELL) + "' the log does not have; its "
						+ columns.size() + " columns are " + Shown.cut(String.join(", ", columns))
						+ (i < fromConditions ? " (text in a where condition is quoted: Country=='United Kingdom')" : ""));
			}
		}
	}

	/** Events without their fields from now on ({@link ReadOptions#firstPass()}). */
	void checkFieldsOnly() {
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

	/** A log without a type column may hold one kind of event: a CDNOW order history, a UCI export. */
	static final String ONE_KIND_OF_EVENT = ", or, when every line is one kind of event (an order history, say), name that "
			+ "event with --map event=NAME";

	/** A header cell that is a number: the first line is data (a log without a header, Taobao's say). */
	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private static int required(Map<String, Integer> indexByName, String mapped, List<String> candidates, String role,
			List<String> columns) {
		String name = EventAssembly.firstPresent(mapped, candidates, indexByName::containsKey);
		Integer index = indexByName.get(name);
		if (index == null) {
			String missing = "the log has no " + role + " column" + (mapped == null ? " (looked for "
					+ String.join(", ", candidates) + ")" : " '" + mapped + "'");
			if (columns.size() == 1) {
				String guess = delimiterIn(columns.get(0));
				throw new IllegalArgumentException(missing + "; its header is one single column, "
						+ Shown.quoted(columns.get(0)) + ", so the delimiter is probably wrong: give it with --delimiter "
						+ (guess == null ? "CHAR (a character, tab or whitespace)" : guess)
						+ (mapped == null ? "" : ", or name the column with --map " + role + "=COLUMN"));
			}
			if (columns.stream().anyMatch(column -> NUMBER.matcher(column.trim()).matches())) {
				throw new IllegalArgumentException(missing + "; its first line, " + Shown.cut(String.join(", ", columns))
						+ ", looks like data, not a header: name its " + columns.size() + " columns with --columns NAME,NAME,… "
						+ "and map them with --map " + role + "=NAME");
			}
			throw new IllegalArgumentException(missing + "; its " + columns.size() + " columns are "
					+ Shown.cut(String.join(", ", columns)) + ". Name it with --map " + role + "=COLUMN"
					+ (role.equals("type") ? ONE_KIND_OF_EVENT : ""));
		}
		return index;
	}

	/** The delimiter a one-column header most likely uses, as --delimiter takes it, or null. */
	private static String delimiterIn(String header) {
		for (String[] candidate : new String[][] { { "\t", "tab" }, { ";", "';'" }, { "|", "'|'" }, { ",", "','" } }) {
			if (header.contains(candidate[0])) {
				return candidate[1];
			}
		}
		return header.trim().contains(" ") ? "whitespace" : null;
	}

	/** Splits the header line of a CSV file into column names. */
	public static List<String> header(String line, char delimiter) {
		List<String> names = new ArrayList<>();
		Cells split = new Cells(64);
		int count;
		try {
			while ((count = split(line, delimiter, split)) < 0) {
				split = new Cells(split.count() * 2);
			}
		} catch (BadLineException e) {
			throw new IllegalArgumentException("the header line cannot be read: " + e.getMessage());
		}
		for (int i = 0; i < count; i++) {
			String name = split.text(line, i).trim();
			names.add(i == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name);
		}
		return names;
	}

	/** The text of a column in the line last parsed (null when absent or empty); for --dedupe. */
	String cell(int index) {
		return text(index);
	}

	/** The text of a cell of the line last parsed, cut out on first use; null when absent or empty. */
	private String text(int index) {
		return index < lastCount && !cells.isEmpty(index) ? cells.text(line, index) : null;
	}

	/** The index of a column, or -1. */
	static int indexOf(List<String> columns, String name) {
		for (int i = 0; i < columns.size(); i++) {
			if (columns.get(i).trim().equals(name)) {
				return i;
			}
		}
		return -1;
	}

	private int lastCount;

	@Override
	public Event parse(String line) throws BadLineException {
		lastCount = 0;
		this.line = line;
		int count;
		while ((count = split(line, delimiter, cells)) < 0) {
			cells = new Cells(cells.count() * 2);
		}
		if (count < columnCount && (count <= customerIndex || count <= timeIndex || count <= typeIndex)) {
			throw new BadLineException("expected " + columnCount + " columns, found " + count);
		}
		lastCount = count;
		if (!assembly.kept(row)) {
			return null;
		}
		String customer = assembly.customer(text(customerIndex));
		if (customer == null) {
			return null;
		}
		long at = assembly.time(text(timeIndex));
		Object name = typeIndex < 0 ? assembly.eventName(assembly.mapping().constantEvent()) : assembly.eventName(sourceType());
		if (name == EventAssembly.SKIPPED) {
			return null;
		}
		String event = (String) name;
		eventFieldIndexes = fieldIndexesByEvent.get(event);
		if (assembly.mapping().groups()) {
			groupValue = assembly.groupValue(row);
		}
		return assembly.event(customer, at, event, assembly.schema().fields(event), fieldTexts, row);
	}

	/** The line's source type: one seen before is found by comparing characters, without cutting it out of the line. */
	private String sourceType() {
		if (typeIndex < lastCount && cells.unquoted(typeIndex)) {
			int from = cells.from(typeIndex);
			int length = cells.to(typeIndex) - from;
			for (String known : knownTypes) {
				if (known == null) {
					break;
				}
				if (known.length() == length && line.regionMatches(from, known, 0, length)) {
					return known;
				}
			}
		}
		String type = text(typeIndex);
		if (type != null) {
			for (int i = 0; i < knownTypes.length; i++) {
				if (knownTypes[i] == null) {
					knownTypes[i] = type;
					break;
				}
			}
		}
		return type;
	}

	/**
	 * Where the cells of a line are: an unquoted cell by its bounds, cut out of the line when first read;
	 * a quoted one as its text (its quotes undone) at once.
	 */
	static final class Cells {
		private final int[] bounds;
		private final String[] texts;

		Cells(int count) {
			this.bounds = new int[2 * count];
			this.texts = new String[count];
		}

		int count() {
			return texts.length;
		}

		void unquoted(int index, int from, int to) {
			bounds[2 * index] = from;
			bounds[2 * index + 1] = to;
			texts[index] = null;
		}

		void quoted(int index, String text) {
			bounds[2 * index] = -1;
			texts[index] = text;
		}

		boolean unquoted(int index) {
			return bounds[2 * index] >= 0;
		}

		int from(int index) {
			return bounds[2 * index];
		}

		int to(int index) {
			return bounds[2 * index + 1];
		}

		boolean isEmpty(int index) {
			return unquoted(index) ? to(index) == from(index) : texts[index].isEmpty();
		}

		String text(String line, int index) {
			String text = texts[index];
			if (text == null) {
				text = line.substring(from(index), to(index));
				texts[index] = text;
			}
			return text;
		}
	}

	/**
	 * Splits into {@code out}; returns the number of cells, or -1 when {@code out} is too small.
	 */
	static int split(String line, char delimiter, Cells out) throws BadLineException {
		if (delimiter == WHITESPACE) {
			return splitWhitespace(line, out);
		}
		int count = 0;
		int length = line.length();
		int i = 0;
		if (length > 0 && line.charAt(length - 1) == '\r') {
			length--;
		}
		while (true) {
			if (count == out.count()) {
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
				out.quoted(count++, cell.toString());
				if (i < length && line.charAt(i) != delimiter) {
					throw new BadLineException("text after a closing quote");
				}
			} else {
				int end = line.indexOf(delimiter, i);
				if (end < 0 || end > length) {
					end = length;
				}
				out.unquoted(count++, i, end);
				i = end;
			}
			if (i >= length) {
				return count;
			}
			i++; // the delimiter
			if (i == length) {
				if (count == out.count()) {
					return -1;
				}
				out.unquoted(count++, i, i);
				return count;
			}
		}
	}

	private static int splitWhitespace(String line, Cells out) {
		int count = 0;
		int length = line.length();
		int i = 0;
		while (true) {
			while (i < length && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\r')) {
				i++;
			}
			if (i >= length) {
				return count;
			}
			int from = i;
			while (i < length && line.charAt(i) != ' ' && line.charAt(i) != '\t' && line.charAt(i) != '\r') {
				i++;
			}
			if (count == out.count()) {
				return -1;
			}
			out.unquoted(count++, from, i);
		}
	}
}
