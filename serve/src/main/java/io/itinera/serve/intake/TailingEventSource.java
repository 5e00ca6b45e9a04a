package io.itinera.serve.intake;

import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the input log while it grows: {@link #poll} waits for the next synced line, and the input
 * ends only when the log closes. Lines were checked when they were accepted, so a line that still
 * fails to parse (a journey changed under a kept log) becomes a dead letter like in a file.
 */
public final class TailingEventSource implements EventSource {
	private final InputLog log;
	private final EventLineParser parser;
	private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
	/** Log position of {@code buffer}'s first byte. */
	private long bufferStart;
	private volatile long position;
	/** Volatile: {@code GET /health} reads it from another thread. */
	private volatile long lineNumber;

	public TailingEventSource(InputLog log, EventLineParser parser) {
		this.log = log;
		this.parser = parser;
		buffer.flip();
	}

	@Override
	public SourceRecord next() throws IOException {
		SourceRecord record;
		while ((record = poll(1_000)) == NOTHING_YET) {
			// wait on: next() blocks until a line comes or the log closes
		}
		return record;
	}

	@Override
	public SourceRecord poll(long maxWaitMillis) throws IOException {
		while (true) {
			String line = takeLine();
			if (line != null) {
				lineNumber++;
				if (line.isBlank()) {
					continue;
				}
				return parse(line);
			}
			if (fill()) {
				continue;
			}
			if (log.isClosed()) {
				return null;
			}
			try {
				log.awaitLongerThan(bufferStart + buffer.limit(), maxWaitMillis);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return null;
			}
			if (!fill()) {
				return log.isClosed() ? null : NOTHING_YET;
			}
		}
	}

	private SourceRecord parse(String line) {
		try {
			Event event = parser.parse(line);
			return new SourceRecord(lineNumber, event, null);
		} catch (BadLineException e) {
			return new SourceRecord(lineNumber, null, new DeadLetter(lineNumber, e.getMessage(), line));
		} catch (RuntimeException e) {
			return new SourceRecord(lineNumber, null,
					new DeadLetter(lineNumber, "could not be read (" + e.getClass().getSimpleName() + ")", line));
		}
	}

	/** The next complete line in the buffer, advancing {@link #position}; null when none is buffered. */
	private String takeLine() {
		int start = buffer.position();
		for (int i = start; i < buffer.limit(); i++) {
			if (buffer.get(i) == '\n') {
				String line = new String(buffer.array(), start, i - start, StandardCharsets.UTF_8);
				buffer.position(i + 1);
				position = bufferStart + i + 1;
				return line;
			}
		}
		return null;
	}

	/** Reads more synced bytes after what is buffered; false when there are none. */
	private boolean fill() throws IOException {
		long end = bufferStart + buffer.limit();
		long durable = log.durableLength();
		if (durable <= end) {
			return false;
		}
		buffer.compact();
		bufferStart = position;
		if (!buffer.hasRemaining()) {
			throw new IOException("a line of the input log is longer than " + buffer.capacity() + " bytes");
		}
		int room = (int) Math.min(buffer.remaining(), durable - end);
		ByteBuffer window = buffer.slice().limit(room);
		int read = log.read(window, end);
		buffer.position(buffer.position() + Math.max(0, read));
		buffer.flip();
		return read > 0;
	}

	@Override
	public long position() {
		return position;
	}

	@Override
	public long lineNumber() {
		return lineNumber;
	}

	@Override
	public void resumeAt(long newPosition, long newLineNumber) {
		position = newPosition;
		lineNumber = newLineNumber;
		bufferStart = newPosition;
		buffer.clear().flip();
	}

	@Override
	public long size() {
		return -1;
	}

	@Override
	public void close() {
	}
}
