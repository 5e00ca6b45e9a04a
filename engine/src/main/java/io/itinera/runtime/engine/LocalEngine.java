package io.itinera.runtime.engine;

import io.itinera.runtime.driver.CustomerSlice;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.OutputPositions;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a journey over an event stream on this machine. The calling thread reads and parses the
 * input and routes each event by customer id to one of N partition workers through bounded
 * queues; each worker drives its customers through a {@code StepDriver}, in each customer's own
 * event time. Every {@code barrierEveryLines} lines the reader sends a barrier through all queues,
 * and a committer thread writes that stretch's output and, now and then, a checkpoint. A run over
 * a store that holds a checkpoint of the same journey and input resumes after it.
 */
public final class LocalEngine {
	private final Supplier<JourneyStep> steps;
	private final Scorer scorer;
	private final CustomerStateStore store;
	private final RunOutput output;
	private final EngineConfig config;
	private final Committer.RunTotals totals = new Committer.RunTotals();
	private final CommitProgress commits = new CommitProgress();
	private volatile long position;
	private volatile long linesThisRun;
	private volatile boolean stopRequested;
	private volatile List<BlockingQueue<WorkerMessage>> workerQueues;
	private volatile EngineFailure runFailure;
	/** The learning splits' epochs (null: the journey has none). */
	private SplitEpochs epochs;

	/** {@code steps} gives each worker its own step function (a step may hold per-thread rule sessions). */
	public LocalEngine(Supplier<JourneyStep> steps, Scorer scorer, CustomerStateStore store, RunOutput output,
			EngineConfig config) {
		this.steps = steps;
		this.scorer = scorer;
		this.store = store;
		this.output = output;
		this.config = config;
	}

	/**
	 * The journey has splits that learn their winner: at each epoch boundary of event time the reader has
	 * every worker advance all its customers to it, then {@code learning} publishes the new weights; on the
	 * wall clock, boundaries cross by the clock instead. The input must be in time order across customers for
	 * the weights to be a file replay's. Their state goes with each checkpoint, and a resumed run goes on from it.
	 */
	public LocalEngine learningSplits(SplitEpochs learning) {
		this.epochs = learning;
		return this;
	}

	/** Asks a running run to stop after the line it is reading: it writes a checkpoint, and the same run resumes there. */
	public void stop() {
		stopRequested = true;
	}

	/**
	 * Erases a customer from a running engine (live): their worker lets go of them (state, timers, held
	 * events) and the next checkpoint deletes them from the store. Returns once that checkpoint is
	 * committed. The caller puts them on the store's list of erased customers first, so that none of
	 * their events brings them back meanwhile.
	 *
	 * @throws IllegalStateException when the engine is not running or the checkpoint did not come in time
	 */
	public void forget(String customerId, long timeoutMillis) throws InterruptedException {
		untilCheckpointed(customerId, done -> new WorkerMessage.Forget(customerId, done), timeoutMillis);
	}

	/**
	 * Changes a customer's state in a running engine (live: a profile's attributes); a customer not seen
	 * yet starts from the initial state. Returns once a checkpoint holding the change is committed.
	 *
	 * @throws IllegalStateException when the engine is not running or the checkpoint did not come in time
	 */
	public void update(String customerId, java.util.function.Consumer<io.itinera.runtime.step.CustomerState> change, long timeoutMillis)
			throws InterruptedException {
		untilCheckpointed(customerId, done -> new WorkerMessage.Update(customerId, change, done), timeoutMillis);
	}

	private void untilCheckpointed(String customerId,
			java.util.function.Function<java.util.concurrent.CompletableFuture<Long>, WorkerMessage> message, long timeoutMillis)
			throws InterruptedException {
		List<BlockingQueue<WorkerMessage>> queues = workerQueues;
		EngineFailure failure = runFailure;
		if (queues == null || failure.failed()) {
			throw new IllegalStateException("the engine is not running");
		}
		java.util.concurrent.CompletableFuture<Long> barrier = new java.util.concurrent.CompletableFuture<>();
		if (!queues.get(partitionOf(customerId, queues.size())).offer(message.apply(barrier), timeoutMillis, TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("the engine is too busy to take this now; try again");
		}
		commits.requestCheckpoint();
		try {
			long id = barrier.get(timeoutMillis, TimeUnit.MILLISECONDS);
			commits.awaitCommitted(id, failure);
		} catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
			throw new IllegalStateException("the engine did not write the change within " + timeoutMillis + " ms", e);
		}
		if (failure.failed()) {
			throw new IllegalStateException("the engine failed before the change was written");
		}
	}

	/** Asks for a checkpoint at the next barrier: a live reader wants the customers as they are now. */
	public void requestCheckpoint() {
		commits.requestCheckpoint();
	}

	/** Bytes of input read so far (for a progress bar). */
	public long position() {
		return position;
	}

	/** Input lines read so far, including earlier runs this one resumed. */
	public long linesRead() {
		return baseLines + linesThisRun;
	}

	/**
	 * Reads the source to its end.
	 *
	 * @throws EngineException when the run cannot go on (the state belongs to another input, a scorer fails…)
	 */
	public EngineSummary run(EventSource source) throws IOException {
		long started = System.nanoTime();
		Optional<RunProgress> saved = store.progress();
		long resumedAfterLine = 0;
		if (saved.isPresent()) {
			RunProgress progress = saved.get();
			if (!progress.run().equals(config.runName())) {
				throw new EngineException("the state directory holds a run of " + progress.run() + ", not of "
						+ config.runName() + "; give this run another --state directory (or delete that one to start over)");
			}
			if (epochs != null) {
				if (progress.learningSplits() == null) {
					throw new EngineException("the state directory holds a checkpoint without the counts per arm of the journey's"
							+ " split that learns its winner (auto winner by goal), written before checkpoints kept them; give this run"
							+ " a new --state directory to run the log from its start");
				}
				try {
					epochs.restore(progress.learningSplits());
				} catch (IllegalArgumentException | IllegalStateException e) {
					throw new EngineException(e.getMessage() + "; give this run a new --state directory to run the log from its start");
				}
			}
			output.restore(progress.outputs());
			source.resumeAt(progress.inputPosition(), progress.lineNumber());
			source.resumeAtOffsets(progress.sourceOffsets());
			totals.restore(progress);
			resumedAfterLine = progress.lineNumber();
		} else {
			output.restore(OutputPositions.START);
		}
		baseLines = totals.linesRead;

		int partitions = config.workers();
		boolean storeHoldsCustomers = saved.isEmpty() && store.holdsCustomers();
		EngineFailure failure = new EngineFailure();
		BlockingQueue<Object> committerInbox = new ArrayBlockingQueue<>(Math.max(64, 8 * (partitions + 1)));
		List<BlockingQueue<WorkerMessage>> queues = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < partitions; p++) {
			BlockingQueue<WorkerMessage> queue = new ArrayBlockingQueue<>(config.queueChunks());
			PartitionWorker worker = new PartitionWorker(p, steps.get(), scorer, store, saved.isPresent() || storeHoldsCustomers, queue,
					committerInbox, commits, config, failure);
			worker.epochs = epochs;
			queues.add(queue);
			threads.add(start(worker, "itinera-worker-" + p));
		}
		workerQueues = queues;
		runFailure = failure;
		Committer committer = new Committer(committerInbox, partitions, store, output, config, failure, totals, commits,
				saved.isPresent());
		Thread committerThread = start(committer, "itinera-committer");
		long eventsThisRun;
		try {
			eventsThisRun = read(source, queues, committerInbox, saved, failure);
			for (Thread thread : threads) {
				join(thread, failure);
			}
			join(committerThread, failure);
		} catch (IOException | RuntimeException | Error e) {
			failure.fail(e);
			throw e;
		} finally {
			// Stop and wait for every thread, so none writes to the store or the output after we return.
			threads.forEach(Thread::interrupt);
			committerThread.interrupt();
			for (Thread thread : threads) {
				awaitEnd(thread);
			}
			awaitEnd(committerThread);
		}
		if (failure.failed()) {
			throw EngineException.from(failure.error());
		}
		return new EngineSummary(totals.linesRead, totals.eventsRead, totals.deadLetters, totals.skipped, totals.customers,
				totals.stageCounts(), totals.actions, totals.stageChanges, totals.pendingTimers, eventsThisRun,
				System.nanoTime() - started, resumedAfterLine, totals.scoreBatches, totals.rowsScored, totals.outOfOrderEvents,
				totals.lateEvents, stopRequested, totals.latestEventAt, source.lineNumber());
	}

	/** Lines read by earlier runs this one resumed. */
	private volatile long baseLines;
	private long lastCheckpointNanos = System.nanoTime();

	/** What the reader has read so far: it goes with every barrier to the committer. */
	private static final class ReadCounts {
		long linesRead;
		long eventsRead;
		long skipped;
		long latestEventAt;
		long barrierId;
		List<DeadLetter> deadLetters = new ArrayList<>();
	}

	/**
	 * The reader loop: parse, route, and put a barrier into every queue at fixed line positions; at
	 * the end of the input, the barriers that end the replay, one slice of customers each.
	 */
	private long read(EventSource source, List<BlockingQueue<WorkerMessage>> queues, BlockingQueue<Object> committer,
			Optional<RunProgress> saved, EngineFailure failure) throws IOException {
		int partitions = queues.size();
		ChunkBuilder[] chunks = new ChunkBuilder[partitions];
		for (int p = 0; p < partitions; p++) {
			chunks[p] = new ChunkBuilder(config.chunkSize());
		}
		ReadCounts counts = new ReadCounts();
		counts.latestEventAt = saved.map(RunProgress::latestEventAt).orElse(Long.MIN_VALUE);
		counts.linesRead = totals.linesRead;
		counts.eventsRead = totals.eventsRead;
		counts.skipped = totals.skipped;
		long eventsThisRun = 0;
		long lastBucket = source.lineNumber() / config.barrierEveryLines();
		long flushNanos = config.flushEveryMillis() * 1_000_000L;
		long lastFlush = System.nanoTime();
		SourceRecord record;
		// A stop waits for the next barrier, where the run would have put one anyway: the barriers of a
		// stopped and resumed run fall where an unstopped run's do, so its output files are the same bytes.
		while ((record = nextRecord(source, lastFlush, flushNanos)) != null) {
			if (failure.failed()) {
				return eventsThisRun;
			}
			if (record == EventSource.NOTHING_YET) {
				if (epochs != null && config.driver().wallClock()) {
					epochs.atWallTime(System.currentTimeMillis());
				}
				if (stopRequested) {
					break;
				}
				if (System.nanoTime() - lastFlush >= flushNanos) {
					barrier(counts, null, false, false, source, queues, chunks, committer, failure);
					lastFlush = System.nanoTime();
				}
				continue;
			}
			counts.linesRead++;
			Event event = record.event();
			if (event != null && config.replayEnd() != null && event.at() >= config.replayEnd()) {
				counts.skipped++;
			} else if (event != null) {
				if (epochs != null && config.driver().wallClock()) {
					epochs.atWallTime(System.currentTimeMillis());
				} else if (epochs != null) {
					epochs.beforeInputAt(event.at(), time -> advanceAll(time, queues, chunks, failure));
				}
				counts.eventsRead++;
				eventsThisRun++;
				counts.latestEventAt = Math.max(counts.latestEventAt, event.at());
				int p = partitionOf(event.customerId(), partitions);
				if (chunks[p].add(event, record.lineNumber())) {
					put(queues.get(p), chunks[p].take(), failure);
				}
			} else if (record.deadLetter() != null) {
				counts.deadLetters.add(record.deadLetter());
			} else {
				counts.skipped++;
			}
			// the source's own count, not the record's line: a sorted log's lines come in another order
			long bucket = source.lineNumber() / config.barrierEveryLines();
			if (bucket != lastBucket || (flushNanos > 0 && System.nanoTime() - lastFlush >= flushNanos)) {
				lastBucket = bucket;
				lastFlush = System.nanoTime();
				barrier(counts, null, false, false, source, queues, chunks, committer, failure);
				if (stopRequested) {
					break;
				}
			}
			if ((counts.linesRead & 1023) == 0) {
				position = source.position();
				linesThisRun = counts.linesRead - baseLines;
			}
		}
		position = source.position();
		linesThisRun = counts.linesRead - baseLines;
		if (stopRequested) {
			barrier(counts, null, true, true, source, queues, chunks, committer, failure);
			return eventsThisRun;
		}
		barrier(counts, null, false, false, source, queues, chunks, committer, failure);
		finishReplay(counts, saved, linesThisRun > 0, source, queues, chunks, committer, failure);
		return eventsThisRun;
	}

	/** An epoch boundary: every worker applies its customers' inputs up to {@code time}; returns when all have. */
	private static void advanceAll(long time, List<BlockingQueue<WorkerMessage>> queues, ChunkBuilder[] chunks, EngineFailure failure) {
		java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(queues.size());
		for (int p = 0; p < queues.size(); p++) {
			if (chunks[p].size() > 0) {
				put(queues.get(p), chunks[p].take(), failure);
			}
			put(queues.get(p), new WorkerMessage.AdvanceAll(time, done), failure);
		}
		try {
			while (!done.await(50, TimeUnit.MILLISECONDS)) {
				if (failure.failed()) {
					return;
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.fail(e);
		}
	}

	/** The next line; live (a flush interval set), {@link EventSource#NOTHING_YET} when none came before the next flush is due. */
	private static SourceRecord nextRecord(EventSource source, long lastFlush, long flushNanos) throws IOException {
		if (flushNanos == 0) {
			return source.next();
		}
		long untilFlush = flushNanos - (System.nanoTime() - lastFlush);
		return source.poll(Math.max(0, untilFlush / 1_000_000L));
	}

	/**
	 * Ends the replay in slices of customers, each committed by a checkpoint, so the customers read
	 * back for their last timers never all sit in memory; a run killed meanwhile goes on with the
	 * next slice.
	 */
	private void finishReplay(ReadCounts counts, Optional<RunProgress> saved, boolean readNewLines, EventSource source,
			List<BlockingQueue<WorkerMessage>> queues, ChunkBuilder[] chunks, BlockingQueue<Object> committer,
			EngineFailure failure) {
		int slices;
		int first;
		if (!readNewLines && saved.isPresent() && saved.get().finishSlices() > 0) {
			slices = saved.get().finishSlices();
			first = saved.get().finishedSlices();
		} else {
			commits.awaitCompleted(counts.barrierId - 1, failure);
			slices = CustomerSlice.slicesFor(totals.customers, (long) config.driver().customersInMemory() * config.workers() / 2);
			first = 0;
		}
		if (first >= slices) {
			barrier(counts, null, true, true, source, queues, chunks, committer, failure);
			return;
		}
		for (int slice = first; slice < slices; slice++) {
			barrier(counts, new CustomerSlice(slice, slices), true, slice == slices - 1, source, queues, chunks, committer, failure);
		}
	}

	private void barrier(ReadCounts counts, CustomerSlice finishing, boolean forceCheckpoint, boolean last, EventSource source,
			List<BlockingQueue<WorkerMessage>> queues, ChunkBuilder[] chunks, BlockingQueue<Object> committer,
			EngineFailure failure) {
		long id = counts.barrierId++;
		boolean checkpoint = commits.takeCheckpointRequest() || forceCheckpoint
				|| System.nanoTime() - lastCheckpointNanos >= config.checkpointEveryMillis() * 1_000_000L;
		if (checkpoint) {
			lastCheckpointNanos = System.nanoTime();
		}
		// a checkpoint keeps the learning splits' counts of the inputs before the barrier: the reader waits for the workers
		java.util.concurrent.CountDownLatch reached = checkpoint && epochs != null
				? new java.util.concurrent.CountDownLatch(queues.size()) : null;
		for (int p = 0; p < queues.size(); p++) {
			if (chunks[p].size() > 0) {
				put(queues.get(p), chunks[p].take(), failure);
			}
			put(queues.get(p), new WorkerMessage.Barrier(id, checkpoint, finishing, last,
					finishing == null ? counts.latestEventAt : config.finishAt(counts.latestEventAt), reached), failure);
		}
		String learningSplits = reached == null ? null : awaitThenSnapshot(reached, failure);
		put(committer, new ReaderFlush(id, last, checkpoint, counts.deadLetters, source.position(), source.lineNumber(),
				source.partitionOffsets(),
				counts.linesRead, counts.eventsRead, counts.skipped, counts.latestEventAt,
				finishing == null ? 0 : finishing.of(), finishing == null ? 0 : finishing.index() + 1, learningSplits), failure);
		counts.deadLetters = new ArrayList<>();
	}

	/** The learning splits' state once every worker reached the barrier (null when the run failed meanwhile). */
	private String awaitThenSnapshot(java.util.concurrent.CountDownLatch reached, EngineFailure failure) {
		try {
			while (!reached.await(50, TimeUnit.MILLISECONDS)) {
				if (failure.failed()) {
					return null;
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.fail(e);
			return null;
		}
		return epochs.snapshot();
	}

	private static <T> void put(BlockingQueue<? super T> queue, T message, EngineFailure failure) {
		try {
			while (!queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
				if (failure.failed()) {
					return;
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.fail(e);
		}
	}

	static int partitionOf(String customerId, int partitions) {
		return Math.floorMod(customerId.hashCode() * 0x9E3779B9, partitions);
	}

	private static Thread start(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void join(Thread thread, EngineFailure failure) {
		try {
			while (thread.isAlive() && !failure.failed()) {
				thread.join(100);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.fail(e);
		}
	}

	private static void awaitEnd(Thread thread) {
		try {
			thread.join(30_000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class ChunkBuilder {
		private final int capacity;
		private Event[] events;
		private long[] lines;
		private int size;

		ChunkBuilder(int capacity) {
			this.capacity = capacity;
			reset();
		}

		/** Adds an event; true when the chunk is full. */
		boolean add(Event event, long line) {
			events[size] = event;
			lines[size] = line;
			return ++size == capacity;
		}

		int size() {
			return size;
		}

		WorkerMessage.Chunk take() {
			WorkerMessage.Chunk chunk = new WorkerMessage.Chunk(events, lines, size);
			reset();
			return chunk;
		}

		private void reset() {
			events = new Event[capacity];
			lines = new long[capacity];
			size = 0;
		}
	}
}
