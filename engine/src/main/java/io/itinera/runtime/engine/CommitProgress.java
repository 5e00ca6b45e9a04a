package io.itinera.runtime.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/** What the reader, the workers and the committer tell each other about checkpoints. */
final class CommitProgress {
	private final AtomicBoolean checkpointWanted = new AtomicBoolean();
	private long committedBarrier = -1;
	private long completedBarrier = -1;

	/** A worker holds more customers than allowed: the next barrier should be a checkpoint. */
	void requestCheckpoint() {
		checkpointWanted.set(true);
	}

	boolean takeCheckpointRequest() {
		return checkpointWanted.getAndSet(false);
	}

	synchronized void committed(long barrierId) {
		committedBarrier = Math.max(committedBarrier, barrierId);
		notifyAll();
	}

	/** The committer has written the output of {@code barrierId} and counted it in the totals. */
	synchronized void completed(long barrierId) {
		completedBarrier = Math.max(completedBarrier, barrierId);
		notifyAll();
	}

	/** Waits until the output of {@code barrierId} is written and counted (or the run failed). */
	synchronized void awaitCompleted(long barrierId, EngineFailure failure) {
		try {
			while (completedBarrier < barrierId && !failure.failed()) {
				wait(100);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.fail(e);
		}
	}

	/** Waits until the checkpoint of {@code barrierId} is in the store (or the run failed). */
	synchronized void awaitCommitted(long barrierId, EngineFailure failure) throws InterruptedException {
		while (committedBarrier < barrierId && !failure.failed()) {
			wait(100);
		}
	}
}
