package io.itinera.flink;

import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.io.TimeWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The job's log files read before the job, line by line as the job reads them ({@link Utf8Lines}, {@link EventParsing}):
 * each file's lines numbered from 1, blank lines left out, every record with its line's text. It
 * also finds the first event earlier than the log's time so far by more than the lateness: the
 * watermark, which moves every customer's clock, would make it late.
 */
final class LogLines implements EventSource {
	/** Line {@code line} of {@code file} happened at {@code at}, after the log had reached {@code logReached}. */
	record OutOfOrder(String file, long line, long at, long logReached) {
	}

	private final List<String> files;
	private final JsonLinesEventParser parser;
	private final long latenessMillis;
	private int fileIndex = -1;
	private Utf8Lines reader;
	private long line;
	private long linesRead;
	private long latest = Long.MIN_VALUE;
	private OutOfOrder outOfOrder;

	LogLines(List<String> files, EventSchema schema, String mapping, TimeWindow window, long latenessMillis) {
		this.files = files;
		this.parser = new JsonLinesEventParser(ColumnMapping.parse(mapping).perRecord("itinera flink"), schema, window);
		this.latenessMillis = latenessMillis;
	}

	/**
	 * The lines for a first pass, which needs only which lines are events, with their customers and
	 * times: events come without their fields, which are still checked, so the same lines are events.
	 */
	static LogLines firstPass(List<String> files, EventSchema schema, String mapping, TimeWindow window, long latenessMillis) {
		LogLines lines = new LogLines(files, schema, mapping, window, latenessMillis);
		lines.parser.checkFieldsOnly();
		return lines;
	}

	@Override
	public SourceRecord next() throws IOException {
		while (true) {
			if (reader == null) {
				if (++fileIndex >= files.size()) {
					return null;
				}
				reader = new Utf8Lines(Files.newInputStream(Path.of(files.get(fileIndex))));
				line = 0;
			}
			String text = reader.next();
			if (text == null) {
				reader.close();
				reader = null;
				continue;
			}
			line++;
			if (text.isBlank()) {
				continue;
			}
			linesRead++;
			SourceRecord record = EventParsing.read(parser, line, text);
			if (record.event() != null) {
				long at = record.event().at();
				if (outOfOrder == null && latest != Long.MIN_VALUE && latest - at > latenessMillis) {
					outOfOrder = new OutOfOrder(files.get(fileIndex), line, at, latest);
				}
				latest = Math.max(latest, at);
			}
			return record;
		}
	}

	/** Lines read that were not blank. */
	long linesRead() {
		return linesRead;
	}

	/** The first event the watermark would have passed, or null. */
	OutOfOrder outOfOrder() {
		return outOfOrder;
	}

	@Override
	public long position() {
		return linesRead;
	}

	@Override
	public long lineNumber() {
		return line;
	}

	@Override
	public void resumeAt(long position, long lineNumber) {
		throw new UnsupportedOperationException("read once, from the start");
	}

	@Override
	public long size() {
		return -1;
	}

	@Override
	public void close() throws IOException {
		if (reader != null) {
			reader.close();
		}
	}
}
