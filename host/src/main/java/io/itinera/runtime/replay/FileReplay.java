package io.itinera.runtime.replay;

import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.io.TimeWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A log file read for a replay so that the result depends neither on the order of its lines nor on
 * one line far beyond the rest. A first pass ({@link LogScan}) reads the whole log; then:
 * <ul>
 * <li>The end: the latest times that come after a gap longer than --max-skew and than the thousand
 * events before it took, when they are few (at most one event in a thousand, at most a thousand
 * lines), are refused as dead letters by
 * the time window ({@link TimeWindow#endingAfterLog}), so a typo year cannot become the end of the
 * replay and fire everyone's timers.</li>
 * <li>The order: a log whose every customer's events come in time order up to the lateness is read
 * as it is (the driver puts the rest back); any other is read sorted by customer, time and line
 * ({@link SortedLog}).</li>
 * </ul>
 * Both decisions depend on the log's content only, so a resumed run or {@code explain} decides the
 * same. Its position is the file's byte position, or for a sorted log the records returned.
 */
public final class FileReplay implements EventSource {
	/**
	 * Opens the log with a time window, as the run reads it (mapping, dedupe, format); for the
	 * {@code firstPass} its events may come without their fields ({@link io.itinera.runtime.io.ReadOptions#firstPass()}).
	 */
	@FunctionalInterface
	public interface Opener {
		EventSource open(TimeWindow window, boolean firstPass) throws IOException;
	}

	/**
	 * @param latenessMillis the driver's lateness: disorder within it needs no sort
	 * @param maxSkewMillis how far beyond the rest of the log a time may be
	 * @param endAtTheLog whether to judge the end against the log's times (false when the replay
	 *        has its own end, {@code simulate --to})
	 * @param sortFolder where sorted runs go while the log is read (emptied first, removed after)
	 * @param runRecords the most records sorted in memory at a time
	 */
	public record Settings(long latenessMillis, long maxSkewMillis, boolean endAtTheLog, Path sortFolder, int runRecords) {
		public Settings(long latenessMillis, long maxSkewMillis, boolean endAtTheLog, Path sortFolder) {
			this(latenessMillis, maxSkewMillis, endAtTheLog, sortFolder, SortedLog.DEFAULT_RUN_RECORDS);
		}
	}

	private final EventSource reading;
	private final LogScan scan;
	private final LogScan.End end;
	private final Settings settings;
	/** Read sorted by time across customers ({@link #openInTimeOrder}). */
	private final boolean byTime;

	private FileReplay(EventSource reading, LogScan scan, LogScan.End end, Settings settings) {
		this(reading, scan, end, settings, false);
	}

	private FileReplay(EventSource reading, LogScan scan, LogScan.End end, Settings settings, boolean byTime) {
		this.reading = reading;
		this.scan = scan;
		this.end = end;
		this.settings = settings;
		this.byTime = byTime;
	}

	/**
	 * The log read sorted by time across customers ({@link SortedLog#BY_TIME}), whatever the order of its
	 * lines: for a journey with a learning split, whose weights change at instants of event time for
	 * everyone, so every input before such an instant must come before any after it.
	 */
	public static FileReplay openInTimeOrder(Opener opener, TimeWindow window, Settings settings) throws IOException {
		LogScan scan = LogScan.of(() -> opener.open(window, true), settings.latenessMillis());
		LogScan.End end = scan.end(settings.endAtTheLog() ? settings.maxSkewMillis() : Long.MAX_VALUE);
		TimeWindow kept = end.beyond().isEmpty() ? window : window.endingAfterLog(end.at(), settings.maxSkewMillis());
		try (EventSource second = opener.open(kept, false)) {
			return new FileReplay(SortedLog.sort(second, settings.sortFolder(), settings.runRecords(), SortedLog.BY_TIME), scan, end,
					settings, true);
		}
	}

	public static FileReplay open(Opener opener, TimeWindow window, Settings settings) throws IOException {
		LogScan scan = LogScan.of(() -> opener.open(window, true), settings.latenessMillis());
		LogScan.End end = scan.end(settings.endAtTheLog() ? settings.maxSkewMillis() : Long.MAX_VALUE);
		TimeWindow kept = end.beyond().isEmpty() ? window : window.endingAfterLog(end.at(), settings.maxSkewMillis());
		EventSource second = opener.open(kept, false);
		if (scan.disorder() == null) {
			return new FileReplay(second, scan, end, settings);
		}
		try (second) {
			return new FileReplay(SortedLog.sort(second, settings.sortFolder(), settings.runRecords()), scan, end, settings);
		}
	}

	/** Whether the log is read sorted (its position then counts records, not bytes). */
	public boolean sorted() {
		return reading instanceof SortedLog;
	}

	/** The latest event time read (Long.MIN_VALUE for none): where the replay ends without --to. */
	public long endsAt() {
		return end.at();
	}

	/** The lines refused as far beyond the rest of the log. */
	public List<LogScan.Moment> beyond() {
		return end.beyond();
	}

	/** For a summary: how the log was read, when it was sorted; null when it was read as it is. */
	public String orderNote() {
		if (byTime) {
			int runs = ((SortedLog) reading).spilledRuns();
			return "read sorted by time (the journey has a split that learns its winner)"
					+ (runs == 0 ? ", in memory" : ", through " + runs + " sorted runs on disk");
		}
		LogScan.Disorder disorder = scan.disorder();
		if (disorder == null) {
			return null;
		}
		int runs = ((SortedLog) reading).spilledRuns();
		return "not in time order per customer (line " + disorder.line() + ": customer " + disorder.customerId() + " at "
				+ Instant.ofEpochMilli(disorder.at()) + ", after their " + Instant.ofEpochMilli(disorder.customerReached())
				+ ", beyond --lateness " + Duration.ofMillis(settings.latenessMillis()).toString().substring(2).toLowerCase()
				+ "): read sorted by customer and time" + (runs == 0 ? ", in memory" : ", through " + runs + " sorted runs on disk");
	}

	/** For a summary: which time ended the replay and why. */
	public String endNote() {
		return end.note();
	}

	@Override
	public SourceRecord next() throws IOException {
		return reading.next();
	}

	@Override
	public long position() {
		return reading.position();
	}

	@Override
	public long lineNumber() {
		return reading.lineNumber();
	}

	@Override
	public void resumeAt(long position, long lineNumber) throws IOException {
		reading.resumeAt(position, lineNumber);
	}

	@Override
	public Map<String, Long> partitionOffsets() {
		return reading.partitionOffsets();
	}

	@Override
	public long size() {
		return reading.size();
	}

	@Override
	public void close() throws IOException {
		reading.close();
	}
}
