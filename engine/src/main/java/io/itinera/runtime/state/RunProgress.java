package io.itinera.runtime.state;

import io.itinera.runtime.io.OutputPositions;
import java.util.Map;

/**
 * How far a run had come at its last checkpoint: where to resume reading, the latest event time
 * read, the running totals and how much of each output file is committed. {@code run} names the
 * journey and input so a state directory is never resumed with another run's input. While the end of
 * a replay is being done in slices, {@code finishedSlices} of {@code finishSlices} are done. A
 * partitioned input (Kafka) resumes at {@code sourceOffsets}, the next offset of each partition. A run
 * with splits that learn their winner keeps their counts, weights and boundaries in {@code learningSplits}
 * (JSON; null for a run without them).
 */
public record RunProgress(
		String run,
		long inputPosition,
		long lineNumber,
		long linesRead,
		long eventsRead,
		long deadLetters,
		long skipped,
		long latestEventAt,
		long customers,
		long actions,
		long stageChanges,
		long pendingTimers,
		Map<String, Long> stageCounts,
		OutputPositions outputs,
		int finishSlices,
		int finishedSlices,
		Map<String, Long> sourceOffsets,
		String learningSplits) {

	/** A run without learning splits. */
	public RunProgress(String run, long inputPosition, long lineNumber, long linesRead, long eventsRead, long deadLetters,
			long skipped, long latestEventAt, long customers, long actions, long stageChanges, long pendingTimers,
			Map<String, Long> stageCounts, OutputPositions outputs, int finishSlices, int finishedSlices,
			Map<String, Long> sourceOffsets) {
		this(run, inputPosition, lineNumber, linesRead, eventsRead, deadLetters, skipped, latestEventAt, customers, actions,
				stageChanges, pendingTimers, stageCounts, outputs, finishSlices, finishedSlices, sourceOffsets, null);
	}

	public RunProgress {
		stageCounts = Map.copyOf(stageCounts);
		// absent in progress records written before partitioned inputs
		sourceOffsets = sourceOffsets == null ? Map.of() : Map.copyOf(sourceOffsets);
	}

	/** The same progress with other stage counts and pending timers (a migration moved the customers). */
	public RunProgress withCustomersMoved(Map<String, Long> newStageCounts, long newPendingTimers) {
		return new RunProgress(run, inputPosition, lineNumber, linesRead, eventsRead, deadLetters, skipped, latestEventAt, customers,
				actions, stageChanges, newPendingTimers, newStageCounts, outputs, finishSlices, finishedSlices, sourceOffsets,
				learningSplits);
	}

	/** The same progress with other output lengths (an erasure rewrote the output files). */
	public RunProgress withOutputs(OutputPositions newOutputs) {
		return new RunProgress(run, inputPosition, lineNumber, linesRead, eventsRead, deadLetters, skipped, latestEventAt, customers,
				actions, stageChanges, pendingTimers, stageCounts, newOutputs, finishSlices, finishedSlices, sourceOffsets,
				learningSplits);
	}
}
