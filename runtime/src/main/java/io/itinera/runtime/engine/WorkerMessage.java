package io.itinera.runtime.engine;

import io.itinera.runtime.step.Event;

/** What the reader hands a partition worker through its bounded queue. */
sealed interface WorkerMessage {
	/** Events in input order, each with the watermark after it and its line number. */
	record Chunk(Event[] events, long[] watermarks, long[] lines, int size) implements WorkerMessage {
	}

	/** Everything before this point belongs to barrier {@code id}; {@code last} marks the end of
	 * the input; at a {@code checkpoint} barrier the worker also hands over its changed customers. */
	record Barrier(long id, long watermark, boolean last, boolean checkpoint) implements WorkerMessage {
	}
}
