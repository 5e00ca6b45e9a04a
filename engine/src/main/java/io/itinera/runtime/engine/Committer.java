package io.itinera.runtime.engine;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.OutputPositions;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.state.Checkpoint;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.CustomerRecord;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;

/**
 * Gathers each barrier's work from the reader and every partition, writes it in a fixed order
 * (by time, then customer; dead letters by line), and at checkpoint barriers commits a checkpoint:
 * first the output files are synced, then one atomic store write records the changed states and
 * timers, the ids of the actions written, the input position and the output files' lengths. A
 * restart truncates the outputs back to those lengths and reads on from that position, so
 * nothing is lost and nothing is written twice.
 */
final class Committer implements Runnable {
	// By time, then customer; written out rather than composed (comparingLong().thenComparing()) as
	// every output of a run goes through them.
	private static final Comparator<ActionRecord> ACTION_ORDER = (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at())
			: a.customerId().compareTo(b.customerId());
	private static final Comparator<DeliveryNotice> NOTICE_ORDER = (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at())
			: a.customerId().compareTo(b.customerId());
	private static final Comparator<StageChange> CHANGE_ORDER = (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at())
			: a.customerId().compareTo(b.customerId());

	private final BlockingQueue<Object> inbox;
	private final int partitions;
	private final CustomerStateStore store;
	private final RunOutput output;
	private final EngineConfig config;
	private final EngineFailure failure;
	private final boolean checkLedger;

	private final Map<Long, List<PartitionFlush>> flushesByBarrier = new HashMap<>();
	private final Map<Long, ReaderFlush> readerByBarrier = new HashMap<>();
	private long nextBarrier;

	private Map<String, CustomerRecord> uncommittedCustomers = new HashMap<>();
	private List<String> uncommittedActionIds = new ArrayList<>();

	private final RunTotals totals;
	private final CommitProgress commits;
	private volatile boolean finished;
	/** The plan goes with the first checkpoint of each run (a resumed one too: it may follow a migration). */
	private boolean planWritten;

	Committer(BlockingQueue<Object> inbox, int partitions, CustomerStateStore store, RunOutput output, EngineConfig config,
			EngineFailure failure, RunTotals totals, CommitProgress commits, boolean checkLedger) {
		this.commits = commits;
		this.inbox = inbox;
		this.partitions = partitions;
		this.store = store;
		this.output = output;
		this.config = config;
		this.failure = failure;
		this.totals = totals;
		this.checkLedger = checkLedger;
	}

	boolean finished() {
		return finished;
	}

	@Override
	public void run() {
		try {
			while (!failure.failed() && !finished) {
				Object item = inbox.take();
				if (item instanceof PartitionFlush flush) {
					flushesByBarrier.computeIfAbsent(flush.barrierId(), id -> new ArrayList<>()).add(flush);
				} else if (item instanceof ReaderFlush reader) {
					readerByBarrier.put(reader.barrierId(), reader);
				}
				while (ready(nextBarrier)) {
					complete(readerByBarrier.remove(nextBarrier), flushesByBarrier.remove(nextBarrier));
					commits.completed(nextBarrier);
					nextBarrier++;
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (Throwable e) {
			failure.fail(e);
		}
	}

	private boolean ready(long barrier) {
		List<PartitionFlush> flushes = flushesByBarrier.get(barrier);
		return readerByBarrier.containsKey(barrier) && flushes != null && flushes.size() == partitions;
	}

	private void complete(ReaderFlush reader, List<PartitionFlush> flushes) throws IOException {
		flushes.sort(Comparator.comparingInt(PartitionFlush::partition));
		List<ActionRecord> actions = new ArrayList<>();
		List<StageChange> changes = new ArrayList<>();
		List<DeliveryNotice> notices = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>(reader.deadLetters());
		Map<String, Long> deltas = new HashMap<>();
		long newCustomers = 0;
		long timerDelta = 0;
		long scoreBatches = 0;
		long rowsScored = 0;
		long outOfOrder = 0;
		long late = 0;
		for (PartitionFlush flush : flushes) {
			actions.addAll(flush.actions());
			changes.addAll(flush.stageChanges());
			notices.addAll(flush.notices());
			deadLetters.addAll(flush.failedInputs());
			flush.stageDeltas().forEach((stage, delta) -> deltas.merge(stage, delta, Long::sum));
			newCustomers += flush.newCustomers();
			timerDelta += flush.pendingTimerDelta();
			scoreBatches += flush.scoreBatches();
			rowsScored += flush.rowsScored();
			outOfOrder += flush.outOfOrderEvents();
			late += flush.lateEvents();
			uncommittedCustomers.putAll(flush.changedCustomers());
		}
		actions.sort(ACTION_ORDER);
		changes.sort(CHANGE_ORDER);
		notices.sort(NOTICE_ORDER);
		deadLetters.sort(Comparator.comparingLong(DeadLetter::line));
		if (checkLedger) {
			actions.removeIf(action -> store.actionWritten(action.id()));
		}
		if (store.durable()) {
			actions.forEach(action -> uncommittedActionIds.add(action.id()));
		}
		output.write(actions, changes, notices, deadLetters);
		if (config.flushEveryMillis() > 0 && !reader.checkpoint()) {
			// live: readers of the files see each barrier's output now, not at the next checkpoint
			output.flush();
		}
		totals.add(reader, deadLetters.size(), actions.size(), changes.size(), deltas, newCustomers, timerDelta);
		totals.thisProcess(scoreBatches, rowsScored, outOfOrder, late);
		if (reader.checkpoint()) {
			commit(reader);
			commits.committed(reader.barrierId());
		}
		if (reader.last()) {
			finished = true;
		}
	}

	private void commit(ReaderFlush reader) {
		OutputPositions positions;
		try {
			positions = output.sync();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot sync the output files: " + e.getMessage(), e);
		}
		RunProgress progress = totals.progress(config.runName(), reader, positions);
		// Handed over, not copied: a checkpoint can hold millions of customers.
		Checkpoint checkpoint = new Checkpoint(progress, uncommittedCustomers, uncommittedActionIds, planWritten ? null : config.planJson());
		if (reader.last()) {
			store.commitLast(checkpoint);
		} else {
			store.commit(checkpoint);
		}
		planWritten = true;
		uncommittedCustomers = new HashMap<>();
		uncommittedActionIds = new ArrayList<>();
	}

	/** Running totals over the whole input; the reader thread polls them for progress. */
	static final class RunTotals {
		volatile long linesRead;
		volatile long eventsRead;
		volatile long deadLetters;
		volatile long skipped;
		volatile long customers;
		volatile long actions;
		volatile long stageChanges;
		volatile long pendingTimers;
		volatile long scoreBatches;
		volatile long rowsScored;
		volatile long outOfOrderEvents;
		volatile long lateEvents;
		/** The latest event time read (where the data ends); Long.MIN_VALUE before any event. */
		volatile long latestEventAt = Long.MIN_VALUE;
		final Map<String, Long> stageCounts = new TreeMap<>();

		void restore(RunProgress saved) {
			linesRead = saved.linesRead();
			eventsRead = saved.eventsRead();
			deadLetters = saved.deadLetters();
			skipped = saved.skipped();
			customers = saved.customers();
			actions = saved.actions();
			stageChanges = saved.stageChanges();
			pendingTimers = saved.pendingTimers();
			latestEventAt = saved.latestEventAt();
			synchronized (stageCounts) {
				stageCounts.putAll(saved.stageCounts());
			}
		}

		void add(ReaderFlush reader, long newDeadLetters, long newActions, long newChanges, Map<String, Long> deltas,
				long newCustomers, long timerDelta) {
			linesRead = reader.linesRead();
			eventsRead = reader.eventsRead();
			skipped = reader.skipped();
			latestEventAt = Math.max(latestEventAt, reader.latestEventAt());
			deadLetters += newDeadLetters;
			actions += newActions;
			stageChanges += newChanges;
			customers += newCustomers;
			pendingTimers += timerDelta;
			synchronized (stageCounts) {
				deltas.forEach((stage, delta) -> {
					long count = stageCounts.getOrDefault(stage, 0L) + delta;
					if (count == 0) {
						stageCounts.remove(stage);
					} else {
						stageCounts.put(stage, count);
					}
				});
			}
		}

		Map<String, Long> stageCounts() {
			synchronized (stageCounts) {
				return new TreeMap<>(stageCounts);
			}
		}

		/** Counts of this process (the workers' running totals): scoring, events put back in order, late events. */
		void thisProcess(long batches, long rows, long outOfOrder, long late) {
			scoreBatches = batches;
			rowsScored = rows;
			outOfOrderEvents = outOfOrder;
			lateEvents = late;
		}

		RunProgress progress(String run, ReaderFlush reader, OutputPositions positions) {
			return new RunProgress(run, reader.position(), reader.lineNumber(), linesRead, eventsRead, deadLetters, skipped,
					reader.latestEventAt(), customers, actions, stageChanges, pendingTimers, stageCounts(), positions,
					reader.finishSlices(), reader.finishedSlices(), reader.sourceOffsets(), reader.learningSplits());
		}
	}
}
