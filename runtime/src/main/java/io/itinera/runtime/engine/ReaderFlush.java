package io.itinera.runtime.engine;

import io.itinera.runtime.io.DeadLetter;
import java.util.List;

/** The reader's side of a barrier: how far it read, and the lines it could not use. */
record ReaderFlush(
		long barrierId,
		boolean last,
		boolean checkpoint,
		List<DeadLetter> deadLetters,
		long position,
		long lineNumber,
		long linesRead,
		long eventsRead,
		long skipped,
		long latestEventAt) {
}
