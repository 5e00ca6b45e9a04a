package io.itinera.runtime.engine;

import io.itinera.runtime.io.DeadLetter;
import java.util.List;
import java.util.Map;

/**
 * The reader's side of a barrier: how far it read, and the lines it could not use; while the replay
 * is being ended, in how many slices and how many of them are done with this barrier. At a checkpoint of
 * a run with learning splits, their state as of the barrier ({@code SplitEpochs#snapshot}); else null.
 */
record ReaderFlush(
		long barrierId,
		boolean last,
		boolean checkpoint,
		List<DeadLetter> deadLetters,
		long position,
		long lineNumber,
		Map<String, Long> sourceOffsets,
		long linesRead,
		long eventsRead,
		long skipped,
		long latestEventAt,
		int finishSlices,
		int finishedSlices,
		String learningSplits) {
}
