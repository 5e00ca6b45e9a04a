package io.itinera.runtime.io;

import java.io.IOException;

/** A stream of input lines turned into events, read once from the front, able to resume at a position. */
public interface EventSource extends AutoCloseable {
	/** What {@link #poll} returns when no line came in time; the input goes on. */
	SourceRecord NOTHING_YET = new SourceRecord(-1, null, null);

	/** The next line, or null at the end of the input. */
	SourceRecord next() throws IOException;

	/**
	 * For live inputs that grow while they are read: the next line, {@link #NOTHING_YET} when none
	 * came within {@code maxWaitMillis}, or null at the end. A file simply has its next line.
	 */
	default SourceRecord poll(long maxWaitMillis) throws IOException {
		return next();
	}

	/** The byte position after the last line returned: where a restart resumes. */
	long position();

	/** The number of the last line returned (1-based, counting a header). */
	long lineNumber();

	/** Continues after a line already handled by an earlier run. */
	void resumeAt(long position, long lineNumber) throws IOException;

	/**
	 * A partitioned input's position (Kafka: "topic-partition" to the next offset to read), saved with
	 * every checkpoint beside {@link #position()}; empty for a file.
	 */
	default java.util.Map<String, Long> partitionOffsets() {
		return java.util.Map.of();
	}

	/** Continues after the offsets a checkpoint saved ({@link #partitionOffsets()}); a file has none. */
	default void resumeAtOffsets(java.util.Map<String, Long> offsets) throws IOException {
	}

	/** Total bytes when known (for progress), else -1. */
	long size();

	@Override
	void close() throws IOException;
}
