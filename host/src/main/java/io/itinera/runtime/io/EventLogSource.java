package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;
import io.itinera.runtime.text.Shown;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An event log file (CSV or JSON Lines), streamed line by line: memory does not grow with the
 * file (but for the set of seen ids with {@code --dedupe}). Blank lines are skipped; every line that
 * cannot be read — bad text (invalid UTF-8, binary, too long), a bad cell, an implausible time —
 * becomes a dead letter with its line number and reason, and reading goes on: no exception a
 * line's content can cause escapes {@link #next()}, and a bad line never changes how another line
 * is read.
 *
 * <p>With {@code --map group=COL} ({@link LineGroups}) a group's event (its time the earliest
 * line's) is handed on at the group's first line, and its other lines are returned as lines
 * without an event ({@link #joinedLines()}).
 */
public final class EventLogSource implements EventSource {
	private final Path file;
	private final FileChannel channel;
	private final EventLineParser parser;
	private final long size;
	private final long dataStart;
	private final int lineEnds;
	private final Dedupe dedupe;
	private final long dataStartLine;
	private final LineGroups groups;
	private LineReader lines;
	private long lineNumber;
	private long linesRead;
	private long badLines;
	private long duplicates;
	private DeadLetter firstBad;
	private long endBefore = Long.MAX_VALUE;

	private EventLogSource(Path file, FileChannel channel, LineReader lines, EventLineParser parser, long dataStart,
			long lineNumber, int lineEnds, Dedupe dedupe, EventLineParser aheadParser, ColumnMapping mapping, EventSchema schema)
			throws IOException {
		this.file = file;
		this.channel = channel;
		this.lines = lines;
		this.parser = parser;
		this.size = channel.size();
		this.dataStart = dataStart;
		this.lineNumber = lineNumber;
		this.lineEnds = lineEnds;
		this.dedupe = dedupe;
		this.dataStartLine = lineNumber;
		if (aheadParser != null) {
			if (dedupe != null) {
				throw new IllegalArgumentException(file + ": --dedupe does not go with --map group=" + mapping.groupColumn()
						+ ": each group already becomes one event; leave --dedupe out");
			}
			this.groups = new LineGroups(file, dataStart, lineNumber, lineEnds, aheadParser, mapping, schema);
		} else {
			this.groups = null;
		}
	}

	/** {@link #open(Path, InputFormat, ColumnMapping, List, char, EventSchema, ReadOptions)} with the default options. */
	public static EventLogSource open(Path file, InputFormat format, ColumnMapping mapping, List<String> columns,
			char delimiter, EventSchema schema) throws IOException {
		return open(file, format, mapping, columns, delimiter, schema, ReadOptions.defaults());
	}

	/**
	 * Opens a log. {@code columns} names the columns of a headerless CSV file (null: the first line
	 * is the header); {@code delimiter} may be {@link CsvEventParser#WHITESPACE}.
	 *
	 * @throws IllegalArgumentException when the file is not a log that can be read at all (a
	 *         directory, empty, binary, a header without the columns the mapping needs); the
	 *         message names the file and shows at most {@link Shown#MAX} characters of it
	 */
	public static EventLogSource open(Path file, InputFormat format, ColumnMapping mapping, List<String> columns,
			char delimiter, EventSchema schema, ReadOptions options) throws IOException {
		String unreadable = whyNotALog(file);
		if (unreadable != null) {
			throw new IllegalArgumentException(unreadable);
		}
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			int lineEnds = LineReader.detectLineEnds(channel);
			LineReader lines = new LineReader(Channels.newInputStream(channel), 0, LineReader.DEFAULT_MAX_LINE_BYTES, lineEnds);
			if (format == InputFormat.JSONL) {
				JsonLinesEventParser parser = new JsonLinesEventParser(mapping, schema, options.window());
				if (options.firstPass() && !mapping.groups()) {
					parser.checkFieldsOnly();
				}
				Dedupe dedupe = options.dedupe() == null ? null
						: new Dedupe(options.dedupe(), () -> parser.value(mapping.fieldColumn(options.dedupe())));
				return new EventLogSource(file, channel, lines, parser, 0, 0, lineEnds, dedupe,
						mapping.groups() ? new JsonLinesEventParser(mapping, schema, options.window()) : null, mapping, schema);
			}
			long dataStart = 0;
			long firstLine = 0;
			if (columns == null) {
				String header = lines.next();
				if (header == null) {
					throw new IllegalArgumentException(file + ": the log is empty: a CSV log starts with a header line naming "
							+ "its columns (or give them with --columns)");
				}
				if (Shown.looksBinary(header)) {
					throw new IllegalArgumentException(file + ":1: binary data: this does not look like a CSV or JSON Lines "
							+ "log; it starts with " + Shown.cut(header, 60));
				}
				if (lines.problem() != null) {
					throw new IllegalArgumentException(file + ":1: the header line cannot be read: " + lines.problem()
							+ (lines.problem().startsWith("invalid UTF-8") ? "; convert the log to UTF-8 (e.g. iconv -f latin1 -t utf-8)"
									: "; this does not look like a CSV log") + ". It starts with " + Shown.cut(header, 60));
				}
				if (header.isBlank()) {
					throw new IllegalArgumentException(file + ":1: the first line is blank: a CSV log starts with a header "
							+ "line naming its columns (or give them with --columns)");
				}
				try {
					columns = CsvEventParser.header(header, delimiter);
				} catch (IllegalArgumentException e) {
					throw new IllegalArgumentException(file + ":1: " + e.getMessage());
				}
				dataStart = lines.position();
				firstLine = 1;
			}
			CsvEventParser parser;
			try {
				parser = new CsvEventParser(columns, delimiter, mapping, schema, options.window());
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(file + (firstLine == 1 ? ":1: " : ": ") + e.getMessage());
			}
			if (options.firstPass() && !mapping.groups()) {
				parser.checkFieldsOnly();
			}
			Dedupe dedupe = null;
			if (options.dedupe() != null) {
				String column = mapping.fieldColumn(options.dedupe());
				int index = CsvEventParser.indexOf(columns, column);
				if (index < 0) {
					throw new IllegalArgumentException(file + ": --dedupe " + options.dedupe() + ": the log has no column '"
							+ Shown.cut(column, Shown.CELL) + "'; its columns are " + Shown.cut(String.join(", ", columns)));
				}
				dedupe = new Dedupe(options.dedupe(), () -> parser.cell(index));
			}
			return new EventLogSource(file, channel, lines, parser, dataStart, firstLine, lineEnds, dedupe,
					mapping.groups() ? new CsvEventParser(columns, delimiter, mapping, schema, options.window()) : null, mapping, schema);
		} catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	/**
	 * Why {@code file} cannot be read as a log (it does not exist, is a directory, is not readable),
	 * in a sentence that names it; null when it can.
	 */
	public static String whyNotALog(Path file) {
		if (Files.isDirectory(file)) {
			return file + " is a directory, not an event log; give a CSV or JSON Lines file.";
		}
		if (!Files.exists(file)) {
			return file + ": no such event log; give a CSV or JSON Lines file (itinera generate writes one).";
		}
		if (!Files.isRegularFile(file)) {
			return file + " is not a regular file; give a CSV or JSON Lines file.";
		}
		if (!Files.isReadable(file)) {
			return file + " cannot be read (permissions); give a CSV or JSON Lines file you may read.";
		}
		return null;
	}

	@Override
	public SourceRecord next() throws IOException {
		while (true) {
			if (lines.position() >= endBefore) {
				return null;
			}
			String line = lines.next();
			if (line == null) {
				return null;
			}
			lineNumber++;
			String problem = lines.problem();
			if (problem == null && line.isBlank()) {
				continue;
			}
			linesRead++;
			if (problem == null && line.indexOf('\0') >= 0) {
				problem = "binary data (a NUL byte) in the line";
			}
			if (problem != null) {
				return bad(problem, line);
			}
			Event event;
			try {
				event = parser.parse(line);
			} catch (BadLineException e) {
				return bad(e.getMessage(), line);
			} catch (RuntimeException e) {
				// a reader bug, not the user's: still only this line's
				return bad("could not be read (" + e.getClass().getSimpleName() + ": " + Shown.cut(String.valueOf(e.getMessage()))
						+ ")", line);
			}
			if (event != null && groups != null) {
				return new SourceRecord(lineNumber, groups.add(event, parser.groupValue(), lineNumber), null);
			}
			if (event != null && dedupe != null && !dedupe.firstTime()) {
				duplicates++;
				return new SourceRecord(lineNumber, null, null);
			}
			return new SourceRecord(lineNumber, event, null);
		}
	}

	private SourceRecord bad(String reason, String line) {
		badLines++;
		DeadLetter letter = new DeadLetter(lineNumber, reason, line);
		if (firstBad == null) {
			firstBad = letter;
		}
		return new SourceRecord(lineNumber, null, letter);
	}

	/** Non-blank lines read so far (after the header; since the resume point after {@link #resumeAt}). */
	public long linesRead() {
		return linesRead;
	}

	/** Lines read so far that became dead letters because they could not be read. */
	public long badLines() {
		return badLines;
	}

	/** The first line that could not be read, or null. */
	public DeadLetter firstBadLine() {
		return firstBad;
	}

	/**
	 * With {@code --map group=}: lines that joined a group whose event came at a later line (returned
	 * as lines without an event, like skipped lines); since the start of the file, also after a resume.
	 */
	public long joinedLines() {
		return groups == null ? 0 : groups.joinedLines();
	}

	/** Lines dropped by {@code --dedupe} so far (returned as skipped lines). */
	public long duplicates() {
		return duplicates;
	}

	@Override
	public long position() {
		return lines.position();
	}

	/**
	 * The position of the first line that starts at or after {@code position}, for reading a log in
	 * parts; -1 when this log cannot be read in parts (lines joined by --dedupe or groups, lone \r
	 * line ends) or no line starts there. Reads without moving this source.
	 */
	public long lineStartFrom(long position) throws IOException {
		if (dedupe != null || groups != null || lineEnds != 1 || position <= dataStart || position >= size) {
			return -1;
		}
		ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
		for (long at = position - 1; at < size; at += bytes.limit()) {
			bytes.clear();
			if (channel.read(bytes, at) <= 0) {
				return -1;
			}
			bytes.flip();
			for (int i = 0; i < bytes.limit(); i++) {
				if (bytes.get(i) == '\n') {
					return at + i + 1 < size ? at + i + 1 : -1;
				}
			}
		}
		return -1;
	}

	/** From now on reads only the lines that start before {@code position}: the first part of a log read in parts. */
	public void endBefore(long position) {
		endBefore = position;
	}

	@Override
	public long lineNumber() {
		return lineNumber;
	}

	@Override
	public void resumeAt(long position, long resumeLine) throws IOException {
		if (position < dataStart || position > size) {
			throw new IOException(file + " does not match the saved run: position " + position + " is outside the log ("
					+ size + " bytes); start over with an empty --state directory");
		}
		if (dedupe != null) {
			// the ids seen before the resume point, read again so a repeat after it is still dropped
			try (ParsedLines before = new ParsedLines(file, dataStart, dataStartLine, lineEnds, parser)) {
				while (before.next(position)) {
					dedupe.firstTime();
				}
			}
		}
		if (groups != null) {
			groups.resumeAt(position, resumeLine, dataStart, dataStartLine);
		}
		channel.position(position);
		InputStream stream = Channels.newInputStream(channel);
		lines = new LineReader(stream, position, LineReader.DEFAULT_MAX_LINE_BYTES, lineEnds);
		lineNumber = resumeLine;
	}

	@Override
	public long size() {
		return size;
	}

	@Override
	public void close() throws IOException {
		try (channel) {
			if (groups != null) {
				groups.close();
			}
		}
	}

	public static boolean exists(Path file) {
		return Files.isRegularFile(file);
	}

	/** The ids seen in the dedupe column; a line with no id is never a repeat. */
	private static final class Dedupe {
		private final Set<String> seen = new HashSet<>();
		private final Supplier<String> id;

		Dedupe(String column, Supplier<String> id) {
			this.id = id;
		}

		/** Whether the line just parsed is the first with its id (and remembers the id). */
		boolean firstTime() {
			String value = id.get();
			return value == null || seen.add(value);
		}
	}
}
