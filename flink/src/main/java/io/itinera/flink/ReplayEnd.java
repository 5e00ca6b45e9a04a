package io.itinera.flink;

import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.step.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Where a replay of log files ends: the latest event time in them, as the local engine takes it.
 * Flink's final watermark passes every timer; the job fires only those due by this time, so a
 * replay on Flink leaves the same timers pending as {@code run} does. Read in one pass before the
 * job starts, which also finds a log not in time order across customers: Flink's watermark moves
 * every customer's clock, so such a log would give late events where {@code run} gives none.
 */
final class ReplayEnd {
	private ReplayEnd() {
	}

	/**
	 * What one pass over the logs found: the latest event time (Long.MAX_VALUE when none), the lines
	 * read, and the first line earlier than an event before it by more than the lateness (or null).
	 */
	record Scan(long latest, long lines, OutOfOrder outOfOrder) {
	}

	/** Line {@code line} of {@code file} happened at {@code at}, after events up to {@code latestBefore} were read. */
	record OutOfOrder(String file, long line, long at, long latestBefore) {
		String describe(long latenessMillis) {
			return file + ":" + line + ": this event happened at " + Instant.ofEpochMilli(at) + ", but an earlier line is at "
					+ Instant.ofEpochMilli(latestBefore) + ", more than --lateness " + Duration.ofMillis(latenessMillis).toString().substring(2).toLowerCase(Locale.ROOT)
					+ " later.\nOn Flink every customer's clock follows the whole log's time, so the log must be in time order"
					+ " across customers (up to --lateness); sort it by time first, or run it with itinera run, which takes"
					+ " any order of customers.";
		}
	}

	static long latestEventTime(List<String> files, EventSchema schema, String mapping) throws IOException {
		return scan(files, schema, mapping, Long.MAX_VALUE).latest();
	}

	static Scan scan(List<String> files, EventSchema schema, String mapping, long latenessMillis) throws IOException {
		JsonLinesEventParser parser = new JsonLinesEventParser(ColumnMapping.parse(mapping), schema,
				TimeWindow.startingNow());
		long latest = Long.MIN_VALUE;
		long count = 0;
		OutOfOrder outOfOrder = null;
		for (String file : files) {
			try (BufferedReader lines = Files.newBufferedReader(Path.of(file))) {
				String line;
				long lineNumber = 0;
				while ((line = lines.readLine()) != null) {
					lineNumber++;
					if (line.isBlank()) {
						continue;
					}
					count++;
					try {
						Event event = parser.parse(line);
						if (event != null) {
							if (outOfOrder == null && latest != Long.MIN_VALUE && latest - event.at() > latenessMillis) {
								outOfOrder = new OutOfOrder(file, lineNumber, event.at(), latest);
							}
							latest = Math.max(latest, event.at());
						}
					} catch (BadLineException | RuntimeException unreadable) {
						// a dead letter in the job; it has no time
					}
				}
			}
		}
		return new Scan(latest == Long.MIN_VALUE ? Long.MAX_VALUE : latest, count, outOfOrder);
	}
}
