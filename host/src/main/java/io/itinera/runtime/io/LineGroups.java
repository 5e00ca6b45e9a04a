package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The groups of a finite log ({@code --map group=COL}) put together as it is read. A first pass
 * learns each group's first and last line; at a group's first line, a look-ahead reader (its own
 * channel and parser) reads on to the group's last line, gathering on the way the groups that start
 * at or after this line, and the whole group's event is handed on there. So the events come in the
 * order of their groups' first lines, whatever lies between a group's lines, and the group's other
 * lines are {@linkplain #joinedLines() joined}. Memory: two numbers per group, and the groups the
 * look-ahead gathered before the main reading reaches them (those within the widest group's span).
 */
final class LineGroups implements AutoCloseable {
	private final Path file;
	private final int lineEnds;
	private final EventLineParser aheadParser;
	private final ColumnMapping mapping;
	private final EventSchema schema;
	/** Each group's first and last line. */
	private final Map<String, long[]> spans;
	private final Map<String, LineGroup> gathered = new HashMap<>();
	private final Map<String, FieldRule[]> rulesByEvent = new HashMap<>();
	private ParsedLines ahead;
	private long joinedLines;

	/** Reads the file from {@code dataStart} once for the groups' spans; the look-ahead starts there too. */
	LineGroups(Path file, long dataStart, long dataStartLine, int lineEnds, EventLineParser aheadParser, ColumnMapping mapping,
			EventSchema schema) throws IOException {
		this.file = file;
		this.lineEnds = lineEnds;
		this.aheadParser = aheadParser;
		this.mapping = mapping;
		this.schema = schema;
		this.spans = new HashMap<>();
		try (ParsedLines all = new ParsedLines(file, dataStart, dataStartLine, lineEnds, aheadParser)) {
			while (all.next(Long.MAX_VALUE)) {
				long line = all.lineNumber();
				spans.computeIfAbsent(key(all.event(), all.groupValue()), k -> new long[] { line, line })[1] = line;
			}
		}
		this.ahead = new ParsedLines(file, dataStart, dataStartLine, lineEnds, aheadParser);
	}

	/** The key of a line's group: its customer, event type and group value. */
	static String key(Event line, String groupValue) {
		return line.customerId() + '\u001f' + line.type() + '\u001f' + groupValue;
	}

	/**
	 * A line of the main reading that became (a part of) an event: the whole group's event when it is
	 * the group's first line, else null (the line joined a group handed on earlier).
	 */
	Event add(Event line, String groupValue, long lineNumber) throws IOException {
		String key = key(line, groupValue);
		long[] span = spans.get(key);
		if (span != null && span[0] != lineNumber) {
			joinedLines++;
			return null;
		}
		if (span == null || (span[1] == lineNumber && ahead.lineNumber() < lineNumber)) {
			return alone(line);
		}
		while (ahead.lineNumber() < span[1] && ahead.next(Long.MAX_VALUE)) {
			String aheadKey = key(ahead.event(), ahead.groupValue());
			long[] aheadSpan = spans.get(aheadKey);
			if (aheadSpan != null && aheadSpan[0] >= lineNumber) {
				gathered.computeIfAbsent(aheadKey, k -> newGroup(ahead.event())).add(ahead.event());
			}
		}
		LineGroup group = gathered.remove(key);
		return group != null ? group.event() : alone(line);
	}

	/** The event of a group of one line. */
	private Event alone(Event line) {
		LineGroup group = newGroup(line);
		group.add(line);
		return group.event();
	}

	private LineGroup newGroup(Event line) {
		return new LineGroup(line, schema.fields(line.type()), rulesByEvent.computeIfAbsent(line.type(),
				type -> schema.fields(type).stream().map(field -> mapping.fieldRule(field.name())).toArray(FieldRule[]::new)));
	}

	/**
	 * Goes on after a line handled by an earlier run: the groups whose first line came before it were
	 * handed on then; the lines joined up to it are counted again.
	 */
	void resumeAt(long position, long lineNumber, long dataStart, long dataStartLine) throws IOException {
		joinedLines = 0;
		try (ParsedLines before = new ParsedLines(file, dataStart, dataStartLine, lineEnds, aheadParser)) {
			while (before.next(position)) {
				if (spans.get(key(before.event(), before.groupValue()))[0] != before.lineNumber()) {
					joinedLines++;
				}
			}
		}
		ahead.close();
		gathered.clear();
		ahead = new ParsedLines(file, position, lineNumber, lineEnds, aheadParser);
	}

	/** Lines that joined a group handed on at an earlier line; since the start of the file, also after a resume. */
	long joinedLines() {
		return joinedLines;
	}

	@Override
	public void close() throws IOException {
		ahead.close();
	}
}
