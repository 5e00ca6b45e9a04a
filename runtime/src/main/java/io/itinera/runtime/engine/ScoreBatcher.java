package io.itinera.runtime.engine;

import io.itinera.runtime.scoring.Scorer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects score requests from all partition workers into micro-batches, one model at a time:
 * a batch goes to the {@link Scorer} when it reaches {@code maxBatch} rows, when its oldest
 * request has waited {@code maxWait}, or as soon as every worker is blocked waiting for scores
 * (no one else could add to it). One dispatcher thread calls the scorer.
 */
public final class ScoreBatcher implements AutoCloseable {
	private record Submission(float[][] rows, CompletableFuture<float[]> answer, long enqueuedNanos, boolean urgent) {
	}

	private final Scorer scorer;
	private final int maxBatch;
	private final long maxWaitNanos;
	private final int submitters;
	private final ReentrantLock lock = new ReentrantLock();
	private final Condition changed = lock.newCondition();
	private final Map<String, ArrayDeque<Submission>> pendingByModel = new HashMap<>();
	private final Map<String, Integer> pendingRowsByModel = new HashMap<>();
	private final Thread dispatcher;
	private final AtomicLong batches = new AtomicLong();
	private final AtomicLong rowsScored = new AtomicLong();
	private final java.util.Set<String> urgentModels = new java.util.HashSet<>();
	private int blockedSubmitters;
	private boolean closed;

	public ScoreBatcher(Scorer scorer, int maxBatch, long maxWaitMicros, int submitters) {
		this.scorer = scorer;
		this.maxBatch = Math.max(1, maxBatch);
		this.maxWaitNanos = Math.max(0, maxWaitMicros) * 1000;
		this.submitters = submitters;
		this.dispatcher = new Thread(this::dispatch, "itinera-scoring");
		dispatcher.setDaemon(true);
		dispatcher.start();
	}

	/** Queues rows for scoring; the future completes with one score per row. */
	public CompletableFuture<float[]> submit(String model, float[][] rows) {
		return submit(model, rows, false);
	}

	private CompletableFuture<float[]> submit(String model, float[][] rows, boolean urgent) {
		CompletableFuture<float[]> answer = new CompletableFuture<>();
		if (rows.length == 0) {
			answer.complete(new float[0]);
			return answer;
		}
		lock.lock();
		try {
			if (closed) {
				throw new IllegalStateException("the scorer is closed");
			}
			pendingByModel.computeIfAbsent(model, m -> new ArrayDeque<>()).add(new Submission(rows, answer, System.nanoTime(), urgent));
			pendingRowsByModel.merge(model, rows.length, Integer::sum);
			if (urgent) {
				urgentModels.add(model);
			}
			changed.signalAll();
		} finally {
			lock.unlock();
		}
		return answer;
	}

	/**
	 * Scores and waits. With {@code now} the rows go at once, together with whatever other workers
	 * have queued for the same model (replay: a slice is already a batch, and waiting would only
	 * slow it down); otherwise they wait for company as {@link #submit} does, and this thread counts
	 * as blocked, which lets the batch go early once every worker is blocked.
	 */
	public Map<String, float[]> scoreAll(Map<String, float[][]> rowsByModel, boolean now) {
		Map<String, CompletableFuture<float[]>> answers = new HashMap<>();
		rowsByModel.forEach((model, rows) -> answers.put(model, submit(model, rows, false)));
		if (now) {
			// This thread runs the batch itself: no hand-over to the dispatcher and back.
			for (String model : rowsByModel.keySet()) {
				List<Submission> batch;
				lock.lock();
				try {
					batch = drain(model);
				} finally {
					lock.unlock();
				}
				runInBatches(model, batch);
			}
		}
		setBlocked(+1);
		try {
			Map<String, float[]> scores = new HashMap<>();
			for (var entry : answers.entrySet()) {
				scores.put(entry.getKey(), entry.getValue().get());
			}
			return scores;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for scores", e);
		} catch (ExecutionException e) {
			throw new IllegalStateException("scoring failed: " + e.getCause().getMessage(), e.getCause());
		} finally {
			setBlocked(-1);
		}
	}

	public long batches() {
		return batches.get();
	}

	public long rowsScored() {
		return rowsScored.get();
	}

	private void setBlocked(int delta) {
		lock.lock();
		try {
			blockedSubmitters += delta;
			changed.signalAll();
		} finally {
			lock.unlock();
		}
	}

	private void dispatch() {
		while (true) {
			String model;
			List<Submission> batch;
			lock.lock();
			try {
				model = null;
				while (model == null) {
					if (closed && pendingByModel.isEmpty()) {
						return;
					}
					long now = System.nanoTime();
					long earliestDeadline = Long.MAX_VALUE;
					for (var entry : pendingByModel.entrySet()) {
						long deadline = entry.getValue().peek().enqueuedNanos() + maxWaitNanos;
						if (pendingRowsByModel.get(entry.getKey()) >= maxBatch || deadline <= now || closed
								|| urgentModels.contains(entry.getKey())
								|| blockedSubmitters >= submitters) {
							model = entry.getKey();
							break;
						}
						earliestDeadline = Math.min(earliestDeadline, deadline);
					}
					if (model == null) {
						try {
							if (earliestDeadline == Long.MAX_VALUE) {
								changed.await();
							} else {
								changed.awaitNanos(earliestDeadline - now);
							}
						} catch (InterruptedException e) {
							return;
						}
					}
				}
				batch = take(model);
			} finally {
				lock.unlock();
			}
			run(model, batch);
		}
	}

	private List<Submission> drain(String model) {
		ArrayDeque<Submission> queue = pendingByModel.remove(model);
		pendingRowsByModel.remove(model);
		urgentModels.remove(model);
		return queue == null ? List.of() : new ArrayList<>(queue);
	}

	private void runInBatches(String model, List<Submission> submissions) {
		List<Submission> batch = new ArrayList<>();
		int rows = 0;
		for (Submission submission : submissions) {
			if (!batch.isEmpty() && rows + submission.rows().length > maxBatch) {
				run(model, batch);
				batch = new ArrayList<>();
				rows = 0;
			}
			batch.add(submission);
			rows += submission.rows().length;
		}
		if (!batch.isEmpty()) {
			run(model, batch);
		}
	}

	/** Takes whole submissions up to about maxBatch rows (at least one). */
	private List<Submission> take(String model) {
		ArrayDeque<Submission> queue = pendingByModel.get(model);
		List<Submission> batch = new ArrayList<>();
		int rows = 0;
		while (!queue.isEmpty() && (batch.isEmpty() || rows + queue.peek().rows().length <= maxBatch)) {
			Submission next = queue.poll();
			batch.add(next);
			rows += next.rows().length;
		}
		if (queue.isEmpty()) {
			urgentModels.remove(model);
			pendingByModel.remove(model);
			pendingRowsByModel.remove(model);
		} else {
			pendingRowsByModel.merge(model, -rows, Integer::sum);
		}
		return batch;
	}

	private void run(String model, List<Submission> batch) {
		int total = 0;
		for (Submission submission : batch) {
			total += submission.rows().length;
		}
		float[][] rows = new float[total][];
		int offset = 0;
		for (Submission submission : batch) {
			System.arraycopy(submission.rows(), 0, rows, offset, submission.rows().length);
			offset += submission.rows().length;
		}
		try {
			float[] scores = scorer.score(model, rows);
			if (scores.length != total) {
				throw new IllegalStateException("model " + model + " returned " + scores.length + " scores for " + total + " rows");
			}
			batches.incrementAndGet();
			rowsScored.addAndGet(total);
			offset = 0;
			for (Submission submission : batch) {
				float[] part = new float[submission.rows().length];
				System.arraycopy(scores, offset, part, 0, part.length);
				offset += part.length;
				submission.answer().complete(part);
			}
		} catch (RuntimeException e) {
			batch.forEach(submission -> submission.answer().completeExceptionally(e));
		}
	}

	@Override
	public void close() {
		lock.lock();
		try {
			closed = true;
			changed.signalAll();
		} finally {
			lock.unlock();
		}
		try {
			dispatcher.join(10_000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
