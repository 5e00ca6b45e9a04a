package io.itinera.runtime.engine;

import io.itinera.runtime.driver.CustomerSlice;
import io.itinera.runtime.step.Event;
import java.util.concurrent.CompletableFuture;

/** What the reader hands a partition worker through its bounded queue. */
sealed interface WorkerMessage {
	/** Events in input order, each with its line number. */
	record Chunk(Event[] events, long[] lines, int size) implements WorkerMessage {
	}

	/**
	 * Everything before this point belongs to barrier {@code id}. At a {@code checkpoint} barrier the
	 * worker also hands over its changed customers. A barrier with a {@code finishing} slice ends the
	 * replay for the customers of that slice (their held events are applied and their timers due by
	 * {@code latestEventAt} fire); {@code last} ends the run (after the last slice, or at a stop). The worker
	 * counts {@code reached} down (when not null) once it handed over its part of the barrier: the reader of a
	 * run with learning splits waits for that to save their counts with the checkpoint.
	 */
	record Barrier(long id, boolean checkpoint, CustomerSlice finishing, boolean last, long latestEventAt,
			java.util.concurrent.CountDownLatch reached) implements WorkerMessage {
	}

	/**
	 * Erase a customer: the worker lets go of them and deletes them with its next checkpoint, then
	 * completes {@code checkpointBarrier} with that barrier's id.
	 */
	record Forget(String customerId, CompletableFuture<Long> checkpointBarrier) implements WorkerMessage {
	}

	/**
	 * An epoch boundary of a learning split: event time {@code time} has passed for every customer of the
	 * worker ({@code StepDriver.advanceAll}); then it counts {@code done} down.
	 */
	record AdvanceAll(long time, java.util.concurrent.CountDownLatch done) implements WorkerMessage {
	}

	/** Change a customer's state (a profile): written with the worker's next checkpoint, whose barrier id completes the future. */
	record Update(String customerId, java.util.function.Consumer<io.itinera.runtime.step.CustomerState> change,
			CompletableFuture<Long> checkpointBarrier) implements WorkerMessage {
	}
}
