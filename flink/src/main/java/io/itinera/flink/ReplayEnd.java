package io.itinera.flink;

import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a replay of log files ends: the latest event time in them, as the local engine takes it.
 * Flink's final watermark passes every timer; the job fires only those due by this time, so a
 * replay on Flink leaves the same timers pending as {@code run} does. Read in one pass before the
 * job starts.
 */
final class ReplayEnd {
	private ReplayEnd() {
	}

	/** What one pass over the logs found: the latest event time (Long.MAX_VALUE when none) and the lines read. */
	record Scan(long latest, long lines) {
	}

	static long latestEventTime(List<String> files, JourneyPlan plan, String mapping) throws IOException {
		return scan(files, plan, mapping).latest();
	}

	static Scan scan(List<String> files, JourneyPlan plan, String mapping) throws IOException {
		JsonLinesEventParser parser = new JsonLinesEventParser(ColumnMapping.parse(mapping), EventSchema.of(plan),
				TimeWindow.startingNow());
		long latest = Long.MIN_VALUE;
		long count = 0;
		for (String file : files) {
			try (BufferedReader lines = Files.newBufferedReader(Path.of(file))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.isBlank()) {
						continue;
					}
					count++;
					try {
						Event event = parser.parse(line);
						if (event != null) {
							latest = Math.max(latest, event.at());
						}
					} catch (BadLineException | RuntimeException unreadable) {
						// a dead letter in the job; it has no time
					}
				}
			}
		}
		return new Scan(latest == Long.MIN_VALUE ? Long.MAX_VALUE : latest, count);
	}
}
