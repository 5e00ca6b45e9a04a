package io.itinera.cli;

import io.itinera.runtime.replay.FileReplay;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --to T}: where a replay in event time ends. Events at or after T are left out (counted as
 * skipped), timers due before T fire, those due later stay pending.
 */
final class ReplayEndOption {
	@Option(names = "--to", paramLabel = "T", description = "end the replay at T: events at or after T are left out, timers "
			+ "due before T fire (an ISO date or date-time, UTC, or epoch seconds; default: the log's latest event time)")
	String text;

	/** Epoch ms, or null when not given. */
	Long millis() {
		return TimeOption.millis("--to", text);
	}

	/** For a summary: which time ended the replay, --to when given (the log's latest event may be far after it). */
	String note(FileReplay replay) {
		Long end = millis();
		return end == null ? replay.endNote() : Instant.ofEpochMilli(end) + " (--to)";
	}
}
