package io.itinera.runtime.engine;

import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import java.io.IOException;

/** Hands every call to another source and counts the lines it read; test sources act on the way. */
abstract class PassingSource implements EventSource {
	final EventSource source;
	long lines;

	PassingSource(EventSource source) {
		this.source = source;
	}

	@Override
	public SourceRecord next() throws IOException {
		lines++;
		return source.next();
	}

	@Override
	public long position() {
		return source.position();
	}

	@Override
	public long lineNumber() {
		return source.lineNumber();
	}

	@Override
	public void resumeAt(long position, long lineNumber) throws IOException {
		source.resumeAt(position, lineNumber);
	}

	@Override
	public long size() {
		return source.size();
	}

	@Override
	public void close() throws IOException {
		source.close();
	}
}
