package io.itinera.runtime.engine;

import io.itinera.runtime.driver.CustomerSlice;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.InputProblems;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StepListener;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.CustomerRecord;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Owns the customers of one partition through a {@link StepDriver}, which decides the order of
 * every customer's inputs; this class feeds it the reader's events, collects what it did for the
 * committer, and at checkpoints hands over the changed customers and lets go of unchanged ones
 * when more are in memory than allowed. Only this thread touches its customers: no locks.
 */
final class PartitionWorker implements Runnable, StepListener, StoredCustomers {
	private final int partition;
	private final CustomerStateStore store;
	private final BlockingQueue<WorkerMessage> inbox;
	private final BlockingQueue<Object> committer;
	private final CommitProgress commits;
	private final EngineConfig config;
	private final EngineFailure failure;
	private final StepDriver driver;
	private boolean storeMayHoldCustomers;
	/** Where the learning splits' arm outcomes are counted (null: the journey has none). */
	SplitEpochs epochs;

	private List<ActionRecord> actions = new ArrayList<>();
	private List<StageChange> stageChanges = new ArrayList<>();
	private List<DeliveryNotice> notices = new ArrayList<>();
	private List<DeadLetter> failedInputs = new ArrayList<>();
	private Map<String, Long> stageDeltas = new HashMap<>();
	private long newCustomers;
	private List<java.util.concurrent.CompletableFuture<Long>> awaitingCheckpoint = new ArrayList<>();

	PartitionWorker(int partition, JourneyStep step, Scorer scorer, CustomerStateStore store, boolean storeMayHoldCustomers,
			BlockingQueue<WorkerMessage> inbox, BlockingQueue<Object> committer, CommitProgress commits, EngineConfig config,
			EngineFailure failure) {
		this.partition = partition;
		this.store = store;
		this.storeMayHoldCustomers = storeMayHoldCustomers;
		this.inbox = inbox;
		this.committer = committer;
		this.commits = commits;
		this.config = config;
		this.failure = failure;
		this.driver = new StepDriver(step, config.driver(), scorer, this, this);
	}

	@Override
	public void run() {
		try {
			if (config.driver().wallClock()) {
				runOnWallClock();
			} else {
				runInEventTime();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (Throwable e) {
			failure.fail(e);
		}
	}

	private void runInEventTime() throws InterruptedException {
		while (!failure.failed()) {
			WorkerMessage message = inbox.take();
			if (message instanceof WorkerMessage.Chunk chunk) {
				onChunk(chunk);
			} else if (message instanceof WorkerMessage.Forget forget) {
				onForget(forget);
			} else if (message instanceof WorkerMessage.Update update) {
				onUpdate(update);
			} else if (message instanceof WorkerMessage.AdvanceAll advance) {
				driver.drainScores();
				driver.advanceAll(advance.time());
				advance.done().countDown();
			} else if (message instanceof WorkerMessage.Barrier barrier) {
				driver.drainScores();
				if (barrier.finishing() != null && barrier.latestEventAt() != Long.MIN_VALUE) {
					driver.finish(barrier.latestEventAt(), barrier.finishing());
				}
				flush(barrier);
				if (barrier.reached() != null) {
					barrier.reached().countDown();
				}
				if (barrier.last()) {
					return;
				}
			}
		}
	}

	private void runOnWallClock() throws InterruptedException {
		while (!failure.failed()) {
			driver.advanceWallClock(System.currentTimeMillis());
			long untilTimer = driver.nextWallTimer() - System.currentTimeMillis();
			long wait = Math.max(0, Math.min(untilTimer, Math.max(1, config.driver().scoreMaxWaitMicros() / 1000)));
			WorkerMessage message = inbox.poll(Math.min(wait, 50), TimeUnit.MILLISECONDS);
			if (message instanceof WorkerMessage.Chunk chunk) {
				driver.advanceWallClock(System.currentTimeMillis());
				onChunk(chunk);
			} else if (message instanceof WorkerMessage.Forget forget) {
				onForget(forget);
			} else if (message instanceof WorkerMessage.Update update) {
				onUpdate(update);
			} else if (message instanceof WorkerMessage.Barrier barrier) {
				if (barrier.finishing() != null) {
					driver.releaseAllHeld();
				}
				driver.drainScores();
				flush(barrier);
				if (barrier.reached() != null) {
					barrier.reached().countDown();
				}
				if (barrier.last()) {
					return;
				}
			}
		}
	}

	private void onChunk(WorkerMessage.Chunk chunk) {
		for (int i = 0; i < chunk.size(); i++) {
			driver.onEvent(chunk.events()[i], chunk.lines()[i]);
		}
		if (driver.customersInMemory() > config.driver().customersInMemory()) {
			commits.requestCheckpoint();
		}
	}

	private void onForget(WorkerMessage.Forget forget) {
		driver.forget(forget.customerId());
		awaitingCheckpoint.add(forget.checkpointBarrier());
		commits.requestCheckpoint();
	}

	private void onUpdate(WorkerMessage.Update update) {
		driver.updateState(update.customerId(), update.change());
		awaitingCheckpoint.add(update.checkpointBarrier());
		commits.requestCheckpoint();
	}

	private void flush(WorkerMessage.Barrier barrier) throws InterruptedException {
		Map<String, CustomerRecord> changed = Map.of();
		if (barrier.checkpoint()) {
			changed = new HashMap<>();
			driver.drainChanged(recordInto(changed));
		}
		committer.put(new PartitionFlush(partition, barrier.id(), actions, stageChanges, notices, failedInputs, changed, stageDeltas,
				newCustomers, driver.takePendingTimerDelta(), driver.scoreBatches(), driver.rowsScored(), driver.outOfOrderEvents(),
				driver.lateEvents()));
		actions = new ArrayList<>();
		stageChanges = new ArrayList<>();
		notices = new ArrayList<>();
		failedInputs = new ArrayList<>();
		stageDeltas = new HashMap<>();
		newCustomers = 0;
		if (!awaitingCheckpoint.isEmpty()) {
			if (barrier.checkpoint()) {
				awaitingCheckpoint.forEach(done -> done.complete(barrier.id()));
				awaitingCheckpoint = new ArrayList<>();
			} else {
				commits.requestCheckpoint();
			}
		}
		if (barrier.checkpoint() && !barrier.last() && driver.customersInMemory() > keepAfterEviction()) {
			// Customers let go must be readable from the store, so wait until this checkpoint is in it.
			commits.awaitCommitted(barrier.id(), failure);
			driver.evictUnchanged(keepAfterEviction());
			storeMayHoldCustomers = true;
		}
	}

	private int keepAfterEviction() {
		return Math.max(1, config.driver().customersInMemory() / 4 * 3);
	}

	private static Consumer<CustomerSlot> recordInto(Map<String, CustomerRecord> records) {
		return slot -> records.put(slot.customerId(), CustomerRecord.of(slot));
	}

	@Override
	public byte[] load(String customerId) {
		return storeMayHoldCustomers ? store.load(customerId) : null;
	}

	@Override
	public void loadAll(List<String> customerIds, java.util.function.BiConsumer<String, byte[]> customer) {
		if (storeMayHoldCustomers) {
			store.loadAll(customerIds, customer);
		} else {
			customerIds.forEach(id -> customer.accept(id, null));
		}
	}

	@Override
	public io.itinera.runtime.erasure.ErasedCustomers erasedCustomers() {
		return store.erasedCustomers();
	}

	@Override
	public void forEachWithPendingWork(CustomerSlice slice, Consumer<String> customerId) {
		if (storeMayHoldCustomers) {
			store.forEachWithPendingWork(slice, id -> {
				if (LocalEngine.partitionOf(id, config.workers()) == partition) {
					customerId.accept(id);
				}
			});
		}
	}

	@Override
	public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
		if (epochs != null && !result.armOutcomes().isEmpty()) {
			epochs.count(result);
		}
		// empty lists are the rule: addAll and an enhanced for would copy or iterate them for nothing
		if (!result.actions().isEmpty()) {
			actions.addAll(result.actions());
		}
		List<StageChange> changes = result.stageChanges();
		for (int i = 0; i < changes.size(); i++) {
			StageChange change = changes.get(i);
			stageChanges.add(change);
			if (change.from() != null) {
				stageDeltas.merge(StageChange.countKey(change.journey(), change.from()), -1L, Long::sum);
			}
			if (change.to() != null) {
				stageDeltas.merge(StageChange.countKey(change.journey(), change.to()), 1L, Long::sum);
			}
		}
		if (!result.deliveryNotices().isEmpty()) {
			notices.addAll(result.deliveryNotices());
		}
	}

	@Override
	public void onLateEvent(Event event, long line, long customerClock, long lateness) {
		failedInputs.add(InputProblems.late(event, line, customerClock, lateness));
	}

	@Override
	public void onFailedInput(StepInput input, long line, RuntimeException error) {
		failedInputs.add(InputProblems.failed(input, line, error));
	}

	@Override
	public void onNewCustomer(CustomerSlot customer) {
		newCustomers++;
	}
}
