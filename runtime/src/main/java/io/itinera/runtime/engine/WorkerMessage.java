package io.itinera.runtime.engine;

import io.itinera.runtime.step.Event;

/** What the reader hands a partition worker through its bounded queue. */
sealed interface WorkerMessage {
	/** Events in input order, each with its line number. */
	record Chunk(Event[] events, long[] lines, int size) implements WorkerMessage {
	}

	/**
	 * Everything before this point belongs to barrier {@code id}. At a {@code checkpoint} barrier the
	 * worker also hands over its changed customers; {@code endOfInput} ends a replay (held events are
	 * applied and timers due by {@code latestEventAt} fire); {@code last} ends the run (the end of the
	 * input, or a stop).
	 */
	record Barrier(long id, boolean checkpoint, boolean endOfInput, boolean last, long latestEventAt)
			implements WorkerMessage {
	}
}
