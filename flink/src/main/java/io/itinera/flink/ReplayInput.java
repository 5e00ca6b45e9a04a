package io.itinera.flink;

import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.replay.LogScan;
import io.itinera.runtime.replay.SortedLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A replay of log files made ready for the job by the first pass {@code run} makes ({@link LogScan}),
 * so that the job decides what {@code run} decides whatever the order of the lines:
 * <ul>
 * <li>The end: the log's latest time, but for lines far beyond the rest (more than --max-skew after
 * it, {@link LogScan#end}), which the job's parser refuses as dead letters naming the rule
 * ({@link JobSettings.EventTimes}); {@code --end-at} replaces it.</li>
 * <li>The order: Flink's watermark moves every customer's clock, so a log not in time order across
 * customers (beyond the lateness), or not per customer, is handed to the job as a copy sorted by
 * time, customer, content and line ({@link SortedLog#BY_TIME}, bounded memory), each line its
 * original text behind its number in the file ({@link NumberedLineFormat}), so dead letters keep
 * the file's numbers. The copy is removed by {@link #close()}.</li>
 * <li>A local replay's first pass parses every line in full and keeps what it read ({@link ParsedLog}):
 * a log in order whose end refuses no line is read by the job from there, not parsed again. A
 * cluster's task managers may not see the launcher's folders, so a job submitted reads the log.</li>
 * </ul>
 */
final class ReplayInput implements AutoCloseable {
	/** The folder of the output the copy goes to while the job runs. */
	static final String SORT_FOLDER = ".sorted-log";

	private final long lines;
	private final Long endAt;
	private final LogScan.End end;
	private final long maxSkewMillis;
	private final Path folder;
	private final Path copy;
	/** The copy is the first pass's {@link ParsedLog}, not a sorted one. */
	private final boolean parsed;
	private final String orderNote;

	private ReplayInput(long lines, Long endAt, LogScan.End end, long maxSkewMillis, Path folder, Path copy, boolean parsed, String orderNote) {
		this.lines = lines;
		this.endAt = endAt;
		this.end = end;
		this.maxSkewMillis = maxSkewMillis;
		this.folder = folder;
		this.copy = copy;
		this.parsed = parsed;
		this.orderNote = orderNote;
	}

	/**
	 * Reads {@code files} once, and again into a sorted copy in {@code folder} when they are not in time order.
	 *
	 * @param endAt the replay's own end ({@code --end-at}), or null: the log's
	 * @param keepParsed whether the job may read the first pass's {@link ParsedLog} from {@code folder} (a local replay)
	 */
	static ReplayInput prepare(List<String> files, EventSchema schema, String mapping, long latenessMillis, long maxSkewMillis,
			Long endAt, Path folder, boolean keepParsed) throws IOException {
		TimeWindow window = TimeWindow.of(TimeWindow.DEFAULT_EARLIEST, Instant.now(), Duration.ofMillis(maxSkewMillis));
		LogScan scan;
		LogLines.OutOfOrder acrossCustomers;
		long lines;
		Path parsedCopy = keepParsed ? folder.resolve("input.parsed") : null;
		try (LogLines first = keepParsed ? new LogLines(files, schema, mapping, window, latenessMillis)
				: LogLines.firstPass(files, schema, mapping, window, latenessMillis)) {
			if (parsedCopy == null) {
				scan = LogScan.of(first, latenessMillis);
			} else {
				Files.createDirectories(folder);
				try (ParsedLog.Writing writing = new ParsedLog.Writing(first, parsedCopy)) {
					scan = LogScan.of(writing, latenessMillis);
				}
			}
			acrossCustomers = first.outOfOrder();
			lines = first.linesRead();
		} catch (IOException | RuntimeException e) {
			if (parsedCopy != null) {
				Files.deleteIfExists(parsedCopy);
				removeIfEmpty(folder);
			}
			throw e;
		}
		LogScan.End end = scan.end(endAt == null ? maxSkewMillis : Long.MAX_VALUE);
		boolean inOrder = scan.disorder() == null && acrossCustomers == null;
		if (parsedCopy != null && inOrder && end.beyond().isEmpty()) {
			// the first pass's window refused what the job's would: no line is beyond the log's end
			return new ReplayInput(lines, endAt, end, maxSkewMillis, folder, parsedCopy, true, null);
		}
		if (parsedCopy != null) {
			Files.deleteIfExists(parsedCopy);
		}
		if (inOrder) {
			return new ReplayInput(lines, endAt, end, maxSkewMillis, folder, null, false, null);
		}
		TimeWindow kept = end.beyond().isEmpty() ? window : window.endingAfterLog(end.at(), maxSkewMillis);
		Path copy = writeSortedCopy(new LogLines(files, schema, mapping, kept, latenessMillis), folder);
		String why = scan.disorder() != null ? disorder(scan.disorder(), latenessMillis) : disorder(acrossCustomers, latenessMillis);
		return new ReplayInput(lines, endAt, end, maxSkewMillis, folder, copy, false,
				why + ": the job reads a copy sorted by time, " + copy + ", removed when the job ends");
	}

	/** The latest event time of the logs, no line refused: where a replay of a log in order ends. */
	static long latestEventTime(List<String> files, EventSchema schema, String mapping) throws IOException {
		try (LogLines lines = LogLines.firstPass(files, schema, mapping, TimeWindow.startingNow(), Long.MAX_VALUE)) {
			long at = LogScan.of(lines, Long.MAX_VALUE).end(Long.MAX_VALUE).at();
			return at == Long.MIN_VALUE ? Long.MAX_VALUE : at;
		}
	}

	private static Path writeSortedCopy(LogLines log, Path folder) throws IOException {
		Files.createDirectories(folder);
		Path copy = folder.resolve("input.jsonl");
		try (log; SortedLog sorted = SortedLog.sort(log, folder.resolve("runs"), SortedLog.DEFAULT_RUN_RECORDS, SortedLog.BY_TIME);
				BufferedWriter out = Files.newBufferedWriter(copy)) {
			SourceRecord record;
			while ((record = sorted.next()) != null) {
				if (record.event() != null || record.deadLetter() != null) {
					out.write(NumberedLineFormat.carried(record.lineNumber(), record.text()));
					out.newLine();
				}
			}
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(copy);
			throw e;
		}
		return copy;
	}

	private static String disorder(LogScan.Disorder first, long latenessMillis) {
		return "not in time order per customer (line " + first.line() + ": customer " + first.customerId() + " at "
				+ Instant.ofEpochMilli(first.at()) + ", after their " + Instant.ofEpochMilli(first.customerReached()) + ", beyond --lateness "
				+ duration(latenessMillis) + ")";
	}

	private static String disorder(LogLines.OutOfOrder first, long latenessMillis) {
		return "not in time order across customers (" + first.file() + ":" + first.line() + " at " + Instant.ofEpochMilli(first.at())
				+ ", after the log had reached " + Instant.ofEpochMilli(first.logReached()) + ", beyond --lateness "
				+ duration(latenessMillis) + "; on Flink every customer's clock follows the whole log's)";
	}

	private static String duration(long millis) {
		return Duration.ofMillis(millis).toString().substring(2).toLowerCase(Locale.ROOT);
	}

	/** Non-blank lines of the log. */
	long lines() {
		return lines;
	}

	/** The job's settings with this replay's end and window of plausible times. */
	JobSettings applyTo(JobSettings settings) {
		long replayEnd = endAt != null ? endAt : end.at() == Long.MIN_VALUE ? Long.MAX_VALUE : end.at();
		long logReaches = end.beyond().isEmpty() ? Long.MAX_VALUE : end.at();
		return settings.withReplayEnd(replayEnd).withEventTimes(new JobSettings.EventTimes(maxSkewMillis, logReaches));
	}

	/** What the job reads: the first pass's parsed log, the sorted copy, or {@code given}. */
	JourneyJob.Input input(JourneyJob.Input given) {
		if (copy == null) {
			return given;
		}
		return parsed ? JourneyJob.Input.parsedCopy(copy.toString()) : JourneyJob.Input.sortedCopy(copy.toString());
	}

	/** For the output: why the log is read sorted; null when it is read as it is. */
	String orderNote() {
		return orderNote;
	}

	/** For the output: which time ended the replay and why. */
	String endNote() {
		return endAt != null ? (endAt == Long.MAX_VALUE ? "none (--end-at none)" : Instant.ofEpochMilli(endAt) + " (--end-at)") : end.note();
	}

	/** Removes the sorted copy, if one was written, and its folder when that is left empty. */
	@Override
	public void close() throws IOException {
		if (copy != null) {
			Files.deleteIfExists(copy);
		}
		removeIfEmpty(folder);
	}

	private static void removeIfEmpty(Path folder) throws IOException {
		try {
			Files.deleteIfExists(folder);
		} catch (DirectoryNotEmptyException someoneElses) {
			// left as found
		}
	}
}
