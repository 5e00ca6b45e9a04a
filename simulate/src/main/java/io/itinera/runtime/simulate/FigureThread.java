package io.itinera.runtime.simulate;

import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A simulation's figures kept on a thread of their own: the driver's thread hands over each step (the
 * customer's tracks, the input, the result) in batches and goes on stepping, and this thread tallies
 * the steps in the order they came, so the figures are the same as when tallied at once. What a step's
 * tally reads must not change with later steps: the tracks belong to the figures, inputs and results
 * are immutable, and what is read from a customer's state (it changes in place) is read by the driver's
 * thread and handed over with the step.
 */
final class FigureThread {
	/** One step's share of the figures. */
	@FunctionalInterface
	interface Tally {
		void tally(CustomerTrack[] tracks, StepInput input, StepResult result, boolean[] readsMissingAttribute);
	}

	static final int BATCH = 1024;
	private static final int BATCHES = 16;

	private final Tally tally;
	private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES);
	private final Thread thread;
	private Batch filling = new Batch();
	private volatile Throwable failure;
	private boolean done;

	private static final class Batch {
		final CustomerTrack[][] tracks = new CustomerTrack[BATCH][];
		final StepInput[] inputs = new StepInput[BATCH];
		final StepResult[] results = new StepResult[BATCH];
		final boolean[][] missing = new boolean[BATCH][];
		int size;
		/** The last batch: the thread ends after it. */
		boolean last;
	}

	FigureThread(Tally tally) {
		this.tally = tally;
		this.thread = new Thread(this::tallyAll, "itinera-figures");
		thread.setDaemon(true);
		thread.start();
	}

	/** Hands over one step. */
	void add(CustomerTrack[] tracks, StepInput input, StepResult result, boolean[] readsMissingAttribute) {
		Batch batch = filling;
		int i = batch.size++;
		batch.tracks[i] = tracks;
		batch.inputs[i] = input;
		batch.results[i] = result;
		batch.missing[i] = readsMissingAttribute;
		if (batch.size == BATCH) {
			handOver(batch);
			filling = new Batch();
		}
	}

	/** Waits until every step handed over is tallied (the thread then ends); rethrows what a tally threw. */
	void finish() {
		if (!done) {
			done = true;
			filling.last = true;
			put(filling);
			filling = null;
			boolean interrupted = false;
			while (true) {
				try {
					thread.join();
					break;
				} catch (InterruptedException e) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		rethrowFailure();
	}

	private void handOver(Batch batch) {
		rethrowFailure();
		put(batch);
	}

	private void put(Batch batch) {
		boolean interrupted = false;
		while (true) {
			try {
				batches.put(batch);
				break;
			} catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void rethrowFailure() {
		Throwable failed = failure;
		if (failed instanceof RuntimeException e) {
			throw e;
		}
		if (failed instanceof Error e) {
			throw e;
		}
	}

	private void tallyAll() {
		try {
			while (true) {
				Batch batch = batches.take();
				for (int i = 0; i < batch.size; i++) {
					tally.tally(batch.tracks[i], batch.inputs[i], batch.results[i], batch.missing[i]);
				}
				if (batch.last) {
					return;
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (RuntimeException | Error e) {
			failure = e;
			// keep taking batches so the driver's thread never blocks on a full queue; they are not tallied
			drainUntilLast();
		}
	}

	private void drainUntilLast() {
		try {
			while (!batches.take().last) {
				// discarded: the failure is thrown to the driver's thread
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
