package io.itinera.runtime.state;

import io.itinera.runtime.io.OutputPositions;
import java.util.List;
import java.util.Map;

/**
 * How far a run had come at its last checkpoint: where to resume reading, the event-time
 * watermark, the running totals and how much of each output file is committed. {@code run}
 * names the journey and input so a state directory is never resumed with another run's input.
 */
public record RunProgress(
		String run,
		long inputPosition,
		long lineNumber,
		long linesRead,
		long eventsRead,
		long deadLetters,
		long skipped,
		long watermark,
		long customers,
		long actions,
		long stageChanges,
		Map<String, Long> stageCounts,
		OutputPositions outputs,
		List<PendingScore> pendingScores) {

	public RunProgress {
		stageCounts = Map.copyOf(stageCounts);
		pendingScores = List.copyOf(pendingScores);
	}
}
