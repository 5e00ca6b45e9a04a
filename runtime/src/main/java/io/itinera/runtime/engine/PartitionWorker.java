package io.itinera.runtime.engine;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.PendingScore;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.ScoreRequest;
import io.itinera.runtime.step.ScoreUpdate;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Owns the customers of one partition: their states (in memory, loaded from the store on first
 * sight), their timers and their pending score requests. Only this thread touches them, so there
 * are no locks on customer state.
 *
 * <p>In event time the worker's clock is the watermark that comes with each event. Before an
 * event it fires every timer due at or before the watermark and delivers the scores of every
 * event-time slice that ended, in time order; so each customer sees the same sequence of inputs
 * whatever the number of workers and however threads are scheduled.
 */
final class PartitionWorker implements Runnable {
	private final int partition;
	private final JourneyStep step;
	private final CustomerStateStore store;
	private final boolean storeMayHoldCustomers;
	private final BlockingQueue<WorkerMessage> inbox;
	private final BlockingQueue<Object> committer;
	private final ScoreBatcher scoring;
	private final EngineConfig config;
	private final EngineFailure failure;

	/** A customer's live state and whether it changed since the last checkpoint: one map lookup per input. */
	private static final class Slot {
		CustomerState state;
		boolean changed;

		Slot(CustomerState state) {
			this.state = state;
		}
	}

	private final Map<String, Slot> states = new HashMap<>();
	private final TimerService timers = new TimerService();
	private List<String> changed = new ArrayList<>();
	private List<ActionRecord> actions = new ArrayList<>();
	private List<StageChange> stageChanges = new ArrayList<>();
	private List<DeadLetter> failedInputs = new ArrayList<>();
	private Map<String, Long> stageDeltas = new HashMap<>();
	private long newCustomers;

	/** Event time: requests waiting for the end of their slice. Wall clock: requests in flight. */
	private List<PendingScore> pendingScores = new ArrayList<>();
	private long pendingSlice = Long.MIN_VALUE;
	private final ConcurrentLinkedQueue<ScoreUpdate> arrivedScores = new ConcurrentLinkedQueue<>();
	private long clock = Long.MIN_VALUE;

	PartitionWorker(int partition, JourneyStep step, CustomerStateStore store, boolean storeMayHoldCustomers,
			BlockingQueue<WorkerMessage> inbox, BlockingQueue<Object> committer, ScoreBatcher scoring, EngineConfig config,
			EngineFailure failure) {
		this.partition = partition;
		this.step = step;
		this.store = store;
		this.storeMayHoldCustomers = storeMayHoldCustomers;
		this.inbox = inbox;
		this.committer = committer;
		this.scoring = scoring;
		this.config = config;
		this.failure = failure;
	}

	/** Before the thread starts: state a resumed run brings back. */
	void restore(long watermark, List<TimerRequest> savedTimers, List<PendingScore> savedScores) {
		clock = watermark;
		for (TimerRequest timer : savedTimers) {
			timers.set(timer.customerId(), timer.timerId(), timer.dueAt());
		}
		for (PendingScore score : savedScores) {
			if (config.timeMode() == TimeMode.EVENT_TIME) {
				pendingScores.add(score);
				pendingSlice = score.slice();
			} else {
				submitLive(score);
			}
		}
	}

	@Override
	public void run() {
		try {
			if (config.timeMode() == TimeMode.EVENT_TIME) {
				runInEventTime();
			} else {
				runOnWallClock();
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
				for (int i = 0; i < chunk.size(); i++) {
					advanceTo(chunk.watermarks()[i]);
					apply(chunk.events()[i], chunk.lines()[i]);
				}
			} else if (message instanceof WorkerMessage.Barrier barrier) {
				advanceTo(barrier.watermark());
				if (barrier.last() && !pendingScores.isEmpty()) {
					deliverSlice();
				}
				flush(barrier);
				if (barrier.last()) {
					return;
				}
			}
		}
	}

	private void runOnWallClock() throws InterruptedException {
		while (!failure.failed()) {
			long now = System.currentTimeMillis();
			fireTimersUpTo(now);
			deliverArrivedScores();
			long untilTimer = timers.nextDue() - now;
			long wait = Math.max(0, Math.min(untilTimer, pendingScores.isEmpty() ? 50 : 1));
			WorkerMessage message = inbox.poll(wait, TimeUnit.MILLISECONDS);
			if (message instanceof WorkerMessage.Chunk chunk) {
				for (int i = 0; i < chunk.size(); i++) {
					clock = Math.max(clock, System.currentTimeMillis());
					apply(chunk.events()[i], chunk.lines()[i]);
				}
			} else if (message instanceof WorkerMessage.Barrier barrier) {
				if (barrier.last()) {
					while (!pendingScores.isEmpty() && !failure.failed()) {
						deliverArrivedScores();
						Thread.onSpinWait();
					}
				}
				flush(barrier);
				if (barrier.last()) {
					return;
				}
			}
		}
	}

	/** Fires timers and delivers finished score slices, in time order, up to the watermark. */
	private void advanceTo(long watermark) {
		if (watermark <= clock && timers.nextDue() > clock) {
			return;
		}
		while (true) {
			long due = timers.nextDue();
			long sliceEnd = pendingScores.isEmpty() ? Long.MAX_VALUE : (pendingSlice + 1) * config.scoreSliceMillis();
			long next = Math.min(due, sliceEnd);
			if (next > watermark || next == Long.MAX_VALUE) {
				break;
			}
			if (due < sliceEnd) {
				clock = Math.max(clock, due);
				TimerRequest timer = timers.pollDue(due);
				apply(new TimerFired(timer.customerId(), timer.timerId(), timer.dueAt()), 0);
			} else {
				clock = Math.max(clock, sliceEnd);
				deliverSlice();
			}
		}
		clock = Math.max(clock, watermark);
	}

	private void fireTimersUpTo(long now) {
		TimerRequest timer;
		while ((timer = timers.pollDue(now)) != null) {
			clock = Math.max(clock, now);
			apply(new TimerFired(timer.customerId(), timer.timerId(), timer.dueAt()), 0);
		}
	}

	private void apply(StepInput input, long line) {
		String customer = input.customerId();
		Slot slot = states.get(customer);
		if (slot == null) {
			CustomerState saved = storeMayHoldCustomers ? store.load(customer) : null;
			if (saved == null) {
				saved = step.initialState(customer);
				newCustomers++;
			}
			slot = new Slot(saved);
			states.put(customer, slot);
		}
		CustomerState state = slot.state;
		StepResult result;
		try {
			// The worker owns the state and serialises it itself at checkpoints, so no copy per input is needed.
			result = step instanceof PlanStep planStep ? planStep.applyInPlace(state, input) : step.apply(state, input);
		} catch (RuntimeException e) {
			failedInputs.add(new DeadLetter(line, "the journey step failed on this " + kind(input) + ": " + e,
					String.valueOf(input)));
			return;
		}
		slot.state = result.state();
		if (!slot.changed) {
			slot.changed = true;
			changed.add(customer);
		}
		for (String timerId : result.timersToCancel()) {
			timers.cancel(customer, timerId);
		}
		for (TimerRequest timer : result.timersToSet()) {
			timers.set(timer.customerId(), timer.timerId(), timer.dueAt());
		}
		actions.addAll(result.actions());
		for (StageChange change : result.stageChanges()) {
			stageChanges.add(change);
			if (change.from() != null) {
				stageDeltas.merge(change.from(), -1L, Long::sum);
			}
			if (change.to() != null) {
				stageDeltas.merge(change.to(), 1L, Long::sum);
			}
		}
		for (ScoreRequest request : result.scoreRequests()) {
			PendingScore score = new PendingScore(request.customerId(), request.model(), request.inputs(), request.at(),
					Math.floorDiv(clock, config.scoreSliceMillis()));
			if (config.timeMode() == TimeMode.EVENT_TIME) {
				if (pendingScores.isEmpty()) {
					pendingSlice = score.slice();
				}
				pendingScores.add(score);
			} else {
				submitLive(score);
			}
		}
	}

	/** Scores the requests of the open slice as one submission per model and feeds the answers back in request order. */
	private void deliverSlice() {
		List<PendingScore> requests = pendingScores;
		long at = (pendingSlice + 1) * config.scoreSliceMillis();
		pendingScores = new ArrayList<>();
		Map<String, List<PendingScore>> byModel = new LinkedHashMap<>();
		for (PendingScore request : requests) {
			byModel.computeIfAbsent(request.model(), m -> new ArrayList<>()).add(request);
		}
		Map<String, float[][]> rows = new HashMap<>();
		byModel.forEach((model, list) -> rows.put(model, list.stream().map(PendingScore::inputs).toArray(float[][]::new)));
		Map<String, float[]> scores = scoring.scoreAll(rows, true);
		Map<String, Integer> nextIndex = new HashMap<>();
		for (PendingScore request : requests) {
			int index = nextIndex.merge(request.model(), 1, Integer::sum) - 1;
			double score = scores.get(request.model())[index];
			apply(new ScoreUpdate(request.customerId(), request.model(), score, Math.max(at, request.at())), 0);
		}
	}

	private void submitLive(PendingScore request) {
		pendingScores.add(request);
		scoring.submit(request.model(), new float[][] { request.inputs() }).whenComplete((scores, error) -> {
			if (error != null) {
				failure.fail(error);
			} else {
				arrivedScores.add(new ScoreUpdate(request.customerId(), request.model(), scores[0], System.currentTimeMillis()));
			}
		});
	}

	private void deliverArrivedScores() {
		ScoreUpdate update;
		while ((update = arrivedScores.poll()) != null) {
			ScoreUpdate delivered = update;
			pendingScores.removeIf(p -> p.customerId().equals(delivered.customerId()) && p.model().equals(delivered.model()));
			apply(update, 0);
		}
	}

	private void flush(WorkerMessage.Barrier barrier) throws InterruptedException {
		Map<String, byte[]> changedStates = Map.of();
		Map<String, List<TimerRequest>> changedTimers = Map.of();
		if (barrier.checkpoint()) {
			changedStates = new HashMap<>(changed.size() * 2);
			changedTimers = new HashMap<>(changed.size() * 2);
			for (String customer : changed) {
				Slot slot = states.get(customer);
				slot.changed = false;
				changedStates.put(customer, slot.state.toBytes());
				changedTimers.put(customer, timers.pendingFor(customer));
			}
			changed = new ArrayList<>();
		}
		committer.put(new PartitionFlush(partition, barrier.id(), actions, stageChanges, failedInputs, changedStates,
				changedTimers, stageDeltas, newCustomers, List.copyOf(pendingScores), timers.size()));
		actions = new ArrayList<>();
		stageChanges = new ArrayList<>();
		failedInputs = new ArrayList<>();
		stageDeltas = new HashMap<>();
		newCustomers = 0;
	}

	private static String kind(StepInput input) {
		if (input instanceof Event) {
			return "event";
		}
		return input instanceof TimerFired ? "timer" : "score";
	}
}
