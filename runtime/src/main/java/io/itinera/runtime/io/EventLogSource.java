package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An event log file (CSV or JSON Lines), streamed line by line: memory does not grow with the
 * file. Blank lines are skipped; lines that cannot be read become dead letters.
 */
public final class EventLogSource implements EventSource {
	private final Path file;
	private final FileChannel channel;
	private final EventLineParser parser;
	private final long size;
	private final long dataStart;
	private LineReader lines;
	private long lineNumber;

	private EventLogSource(Path file, FileChannel channel, LineReader lines, EventLineParser parser, long dataStart,
			long lineNumber) throws IOException {
		this.file = file;
		this.channel = channel;
		this.lines = lines;
		this.parser = parser;
		this.size = channel.size();
		this.dataStart = dataStart;
		this.lineNumber = lineNumber;
	}

	/**
	 * Opens a log. {@code columns} names the columns of a headerless CSV file (null: the first line
	 * is the header).
	 *
	 * @throws IllegalArgumentException when the header lacks a column the mapping needs
	 */
	public static EventLogSource open(Path file, InputFormat format, ColumnMapping mapping, List<String> columns,
			char delimiter, EventSchema schema) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		LineReader lines = new LineReader(Channels.newInputStream(channel), 0);
		try {
			if (format == InputFormat.JSONL) {
				return new EventLogSource(file, channel, lines, new JsonLinesEventParser(mapping, schema), 0, 0);
			}
			if (columns != null) {
				return new EventLogSource(file, channel, lines, new CsvEventParser(columns, delimiter, mapping, schema), 0, 0);
			}
			String header = lines.next();
			if (header == null) {
				header = "";
			}
			try {
				EventLineParser parser = new CsvEventParser(CsvEventParser.header(header, delimiter), delimiter, mapping, schema);
				return new EventLogSource(file, channel, lines, parser, lines.position(), 1);
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(file + ":1: " + e.getMessage());
			}
		} catch (IOException | RuntimeException e) {
			lines.close();
			throw e;
		}
	}

	@Override
	public SourceRecord next() throws IOException {
		while (true) {
			String line = lines.next();
			if (line == null) {
				return null;
			}
			lineNumber++;
			if (line.isBlank()) {
				continue;
			}
			try {
				Event event = parser.parse(line);
				return new SourceRecord(lineNumber, event, null);
			} catch (BadLineException e) {
				return new SourceRecord(lineNumber, null, new DeadLetter(lineNumber, e.getMessage(), line));
			}
		}
	}

	@Override
	public long position() {
		return lines.position();
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
		channel.position(position);
		InputStream stream = Channels.newInputStream(channel);
		lines = new LineReader(stream, position);
		lineNumber = resumeLine;
	}

	@Override
	public long size() {
		return size;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	public static boolean exists(Path file) {
		return Files.isRegularFile(file);
	}
}
