package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lines of a log from a byte position on that become events, read on a channel and with a
 * parser of their own, beside the main reading: grouping's first pass and look-ahead. Lines that
 * cannot be read are passed over here (the main reading makes them dead letters).
 */
final class ParsedLines implements AutoCloseable {
	private final FileChannel channel;
	private final LineReader lines;
	private final EventLineParser parser;
	private long lineNumber;
	private Event event;
	private String groupValue;

	ParsedLines(Path file, long position, long lineNumber, int lineEnds, EventLineParser parser) throws IOException {
		this.channel = FileChannel.open(file, StandardOpenOption.READ);
		channel.position(position);
		this.lines = new LineReader(Channels.newInputStream(channel), position, LineReader.DEFAULT_MAX_LINE_BYTES, lineEnds);
		this.lineNumber = lineNumber;
		this.parser = parser;
	}

	/** Moves to the next line that becomes an event before the byte position {@code end}; false when there is none. */
	boolean next(long end) throws IOException {
		String line;
		while (lines.position() < end && (line = lines.next()) != null) {
			lineNumber++;
			if (lines.problem() == null && !line.isBlank() && line.indexOf('\0') < 0) {
				try {
					event = parser.parse(line);
				} catch (BadLineException | RuntimeException e) {
					continue;
				}
				if (event != null) {
					groupValue = parser.groupValue();
					return true;
				}
			}
		}
		return false;
	}

	Event event() {
		return event;
	}

	String groupValue() {
		return groupValue;
	}

	/** The number of the last line read. */
	long lineNumber() {
		return lineNumber;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
