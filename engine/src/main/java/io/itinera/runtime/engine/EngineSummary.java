package io.itinera.runtime.engine;

import java.util.Map;

/**
 * What a run did, in totals over the whole input (earlier, resumed runs included) except
 * {@code eventsThisRun}, {@code elapsedNanos}, the scoring counts and the events put back in order or
 * late, which count this process; {@code stopped}: the
 * run was asked to stop before the end of its input and can be resumed. {@code latestEventAt}: the latest
 * event time read, where the data ends (Long.MIN_VALUE without events); {@code pendingTimers} were set
 * and are due after it;
 * {@code lastLine}: the line
 * of the input it read to, as {@code resumedAfterLine} counts (the file's lines, header and blank lines
 * included; a topic's records), so "stopped after" and the next run's "resumed after" name the same line.
 */
public record EngineSummary(
		long linesRead,
		long eventsRead,
		long deadLetters,
		long skipped,
		long customers,
		Map<String, Long> stageCounts,
		long actions,
		long stageChanges,
		long pendingTimers,
		long eventsThisRun,
		long elapsedNanos,
		long resumedAfterLine,
		long scoreBatches,
		long rowsScored,
		long outOfOrderEvents,
		long lateEvents,
		boolean stopped,
		long latestEventAt,
		long lastLine) {

	public double eventsPerSecond() {
		return elapsedNanos == 0 ? 0 : eventsThisRun * 1e9 / elapsedNanos;
	}

	public boolean resumed() {
		return resumedAfterLine > 0;
	}
}
