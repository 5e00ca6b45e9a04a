package io.itinera.runtime.replay;

import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import java.util.List;

/** Records given in a list, as a source: the lines of a log already read. */
final class RecordList implements EventSource {
	private final List<SourceRecord> records;
	private int next;

	RecordList(List<SourceRecord> records) {
		this.records = records;
	}

	@Override
	public SourceRecord next() {
		return next < records.size() ? records.get(next++) : null;
	}

	@Override
	public long position() {
		return next;
	}

	@Override
	public long lineNumber() {
		return next == 0 ? 0 : records.get(next - 1).lineNumber();
	}

	@Override
	public void resumeAt(long position, long lineNumber) {
		next = (int) position;
	}

	@Override
	public long size() {
		return records.size();
	}

	@Override
	public void close() {
	}
}
