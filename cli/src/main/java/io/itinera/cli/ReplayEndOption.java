package io.itinera.cli;

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
}
