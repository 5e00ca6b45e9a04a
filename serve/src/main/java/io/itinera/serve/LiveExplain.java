package io.itinera.serve;

import io.itinera.runtime.explain.CustomerReplay;
import io.itinera.runtime.explain.TimelineEntry;
import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.step.Event;
import io.itinera.serve.intake.InputLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live customer's explain timeline: their events in the input log replayed through the running
 * version's step function with its rules traced ({@link CustomerReplay}), up to now.
 */
final class LiveExplain {
	private LiveExplain() {
	}

	/** The timeline, or null when the log holds no event of theirs. */
	static Map<String, Object> of(String customerId, LiveJourney.Running running, InputLog inputLog) {
		CustomerReplay replay = running.replay(customerId);
		EventLineParser parser = running.logParser();
		String quoted = "\"" + customerId + "\"";
		long lineNumber = 0;
		boolean seen = false;
		long removedBefore = inputLog.firstPosition();
		for (Path segment : inputLog.segmentFiles()) {
			try (BufferedReader lines = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
				String line;
				while ((line = lines.readLine()) != null) {
					lineNumber++;
					if (!line.contains(quoted)) {
						continue; // not theirs: skip the parse
					}
					try {
						Event event = parser.parse(line);
						if (event != null && event.customerId().equals(customerId)) {
							replay.offer(event, lineNumber);
							seen = true;
						}
					} catch (BadLineException e) {
						// a dead letter in the run as well
					}
				}
			} catch (NoSuchFileException removed) {
				removedBefore = inputLog.firstPosition(); // retention took it meanwhile
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		if (!seen) {
			return null;
		}
		CustomerReplay.Result result = replay.finish(System.currentTimeMillis());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("customer", customerId);
		answer.put("journey", running.name());
		answer.put("version", running.version());
		answer.put("note", "replayed from the input log on the running version, up to now; a customer who ran on an older"
				+ " version (pinned, or before a migration) may have been treated by its rules");
		if (removedBefore > 0) {
			answer.put("incomplete", "the input log's first " + removedBefore + " bytes were removed (--keep-input): events of"
					+ " theirs before that are not replayed, so the timeline starts later than their journey did");
		}
		List<Map<String, Object>> timeline = new ArrayList<>();
		for (TimelineEntry entry : result.timeline()) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("time", Instant.ofEpochMilli(entry.at()).toString());
			one.put("journey", entry.journey());
			one.put("kind", entry.kind());
			one.put("what", entry.what());
			one.put("why", entry.why());
			Map<String, Object> values = new LinkedHashMap<>();
			entry.values().forEach((name, value) -> values.put(name,
					value instanceof Number number && Double.isNaN(number.doubleValue()) ? null
							: value instanceof Number || value == null ? value : value.toString()));
			one.put("values", values);
			timeline.add(one);
		}
		answer.put("timeline", timeline);
		return answer;
	}
}
