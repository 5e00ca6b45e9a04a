package io.itinera.runtime.driver;

import io.itinera.runtime.erasure.ErasedCustomers;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.ScoreRequest;
import io.itinera.runtime.step.ScoreUpdate;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Drives the step function for the customers of one partition; every host (the local engine's
 * workers, the simulator, tests) feeds it inputs and listens to what it does. It is the one place
 * that decides the order in which a customer's inputs reach the step function:
 * <ul>
 * <li>Each customer has their own event time. Before an event, the customer's timers due at or
 * before its time fire, in {@link TimerOrder}, and any score answers they wait for arrive. So results
 * depend on each customer's order of events only, never on how customers are interleaved.</li>
 * <li>Events of one customer that come out of order by at most the lateness are held and put back
 * in order; an event earlier than the customer's last applied input is late and goes to the
 * listener, unapplied.</li>
 * <li>Score requests are batched across customers; an answer carries its request's time and
 * reaches the customer before their next input.</li>
 * <li>At the end of a replay, held events are applied and every timer due by then fires; live,
 * timers fire by the system clock.</li>
 * </ul>
 * Not thread-safe: one thread owns a driver and its customers.
 */
public final class StepDriver {
	private final JourneyStep step;
	private final DriverSettings settings;
	private final StoredCustomers stored;
	private final StepListener listener;
	private final ScoreBatch scores;
	private final ErasedCustomers erased;
	private final CustomerSlots slots = new CustomerSlots();
	private final TimerService wallTimers;
	private final Set<CustomerSlot> holding = new LinkedHashSet<>();
	private List<CustomerSlot> changed = new ArrayList<>();
	private long now = Long.MIN_VALUE;
	private long pendingTimerDelta;
	private long outOfOrderEvents;
	private long lateEvents;
	private long interval;
	private boolean flushing;

	public StepDriver(JourneyStep step, DriverSettings settings, Scorer scorer, StoredCustomers stored,
			StepListener listener) {
		this.step = step;
		this.settings = settings;
		this.stored = stored;
		this.listener = listener;
		this.scores = new ScoreBatch(scorer, settings.scoreBatch());
		this.erased = stored.erasedCustomers();
		this.wallTimers = settings.wallClock() ? new TimerService() : null;
		if (settings.wallClock()) {
			stored.forEachWithPendingWork(CustomerSlice.ALL, this::slot);
		}
	}

	/** An event of the input, with its line number (for dead letters). */
	public void onEvent(Event event, long line) {
		// an erased customer is never in memory: only a customer read back (or new) can be on the list
		if (!erased.isEmpty() && !slots.contains(event.customerId()) && erased.contains(event.customerId())) {
			if (!ErasedCustomers.RECONSENT_EVENT.equals(event.type())) {
				erased.countDropped();
				return;
			}
			erased.lift(event.customerId());
		}
		CustomerSlot slot = slot(event.customerId());
		if (event.at() < slot.clock) {
			lateEvents++;
			listener.onLateEvent(event, line, slot.clock, settings.latenessMillis());
			return;
		}
		if (event.at() < slot.latestSeen) {
			outOfOrderEvents++;
		} else {
			slot.latestSeen = event.at();
		}
		slot.hold(event, line);
		markChanged(slot);
		release(slot, releaseLine(slot));
		if (settings.wallClock() && slot.heldCount > 0) {
			holding.add(slot);
		}
	}

	/**
	 * Erasure: lets go of the customer for good — their state, pending timers, held events and
	 * outstanding score requests (answers to them are ignored). The next {@link #drainChanged} hands over
	 * a slot marked {@link CustomerSlot#erased()}, which a host writes as a deletion. Later events for them
	 * are dropped only once they are on the store's {@link StoredCustomers#erasedCustomers()} list.
	 */
	public void forget(String customerId) {
		CustomerSlot slot = slots.remove(customerId);
		if (slot == null) {
			byte[] bytes = stored.load(customerId);
			slot = bytes == null ? new CustomerSlot(customerId, null) : SlotCodec.decode(customerId, bytes);
		}
		holding.remove(slot);
		for (int i = 0; i < slot.timerCount; i++) {
			if (wallTimers != null) {
				wallTimers.cancel(customerId, slot.timerIds[i]);
			}
			pendingTimerDelta--;
		}
		slot.timerCount = 0;
		slot.heldCount = 0;
		slot.state = null;
		slot.erased = true;
		markChanged(slot);
	}

	/**
	 * Changes a customer's state outside the step function (a profile's attributes): a customer not
	 * seen yet starts from the step's initial state. The change is written with the next checkpoint.
	 */
	public void updateState(String customerId, java.util.function.Consumer<io.itinera.runtime.step.CustomerState> change) {
		CustomerSlot slot = slot(customerId);
		change.accept(slot.state);
		markChanged(slot);
	}

	/** Live: fires the timers due by {@code wallTime}, releases held events and sends a batch that waited long enough. */
	public void advanceWallClock(long wallTime) {
		now = Math.max(now, wallTime);
		if (scores.waitedNanos(System.nanoTime()) >= settings.scoreMaxWaitMicros() * 1000) {
			drainScores();
		}
		for (Iterator<CustomerSlot> it = holding.iterator(); it.hasNext();) {
			CustomerSlot slot = it.next();
			release(slot, releaseLine(slot));
			if (slot.heldCount == 0) {
				it.remove();
			}
		}
		TimerRequest due;
		while ((due = wallTimers.pollDue(now)) != null) {
			CustomerSlot slot = slot(due.customerId());
			if (slot.awaitingScores > 0) {
				drainScores();
			}
			int index = slot.timerIndex(due.timerId());
			if (index >= 0) {
				fireTimer(slot, index);
			}
		}
	}

	/**
	 * Event time {@code time} has passed for every customer (a host's watermark): nothing earlier
	 * will come for this one. Their held events up to then are applied, each after the timers due by
	 * its time, then the timers due by then fire; a customer waiting for a score answer gets it
	 * first. The same inputs in the same order as their own later events would bring, only sooner.
	 */
	public void advanceCustomer(String customerId, long time) {
		while (!advanceCustomerUnlessWaiting(customerId, time)) {
			drainScores();
		}
	}

	/**
	 * {@link #advanceCustomer} up to where the customer waits for a score answer: false when they
	 * wait. A host that wakes many customers at once (a watermark) sends their requests in one batch
	 * ({@link #drainScores()}) and then calls again for those that waited.
	 */
	public boolean advanceCustomerUnlessWaiting(String customerId, long time) {
		CustomerSlot slot = slot(customerId);
		while (true) {
			release(slot, time);
			if (slot.awaitingScores > 0) {
				return false;
			}
			int due = slot.dueTimer(time);
			if (due < 0) {
				return true;
			}
			fireTimer(slot, due);
		}
	}

	/**
	 * Event time {@code time} has passed for every customer, in memory or stored with pending work: each
	 * is advanced as by {@link #advanceCustomer} (an epoch boundary of a learning split, where every
	 * customer's inputs before it must be in).
	 */
	public void advanceAll(long time) {
		List<String> ids = new ArrayList<>();
		stored.forEachWithPendingWork(CustomerSlice.ALL, id -> {
			if (!slots.contains(id)) {
				ids.add(id);
			}
		});
		for (CustomerSlot slot : slots.values()) {
			ids.add(slot.customerId);
		}
		for (String id : ids) {
			advanceCustomer(id, time);
		}
		drainScores();
	}

	/** Live, at the end of the input: the events still held are applied now. */
	public void releaseAllHeld() {
		while (!holding.isEmpty()) {
			for (CustomerSlot slot : List.copyOf(holding)) {
				release(slot, Long.MAX_VALUE);
			}
			drainScores();
			holding.removeIf(slot -> slot.heldCount == 0);
		}
	}

	/** The wall time the next live timer is due, or Long.MAX_VALUE. */
	public long nextWallTimer() {
		return wallTimers == null ? Long.MAX_VALUE : wallTimers.nextDue();
	}

	/**
	 * The end of a replay at {@code end}: every held event is applied, then every timer due by then
	 * fires, for every customer, in memory or stored.
	 */
	public void finish(long end) {
		finish(end, CustomerSlice.ALL);
	}

	/**
	 * {@link #finish(long)} for the customers of one slice: a host whose customers do not all fit in
	 * memory ends a replay one slice at a time, writing each before the next.
	 */
	public void finish(long end, CustomerSlice slice) {
		List<String> storedOnly = new ArrayList<>();
		stored.forEachWithPendingWork(slice, id -> {
			if (!slots.contains(id)) {
				storedOnly.add(id);
			}
		});
		List<CustomerSlot> customers = new ArrayList<>();
		for (CustomerSlot slot : slots.values()) {
			if (slice.contains(slot.customerId)) {
				customers.add(slot);
			}
		}
		// read back in the store's order and decode only those with something due: most of a big
		// state may wait for later timers (a weekly broadcast); the order of customers changes no output
		stored.loadAll(storedOnly, (id, bytes) -> {
			if (bytes == null) {
				customers.add(slot(id));
			} else if (SlotCodec.hasWorkDueBy(bytes, end)) {
				customers.add(storedSlot(id, bytes));
			}
		});
		long rowsBefore;
		do {
			rowsBefore = scores.rows();
			for (CustomerSlot slot : customers) {
				settle(slot, end);
			}
			drainScores();
		} while (scores.rows() != rowsBefore);
	}

	/** Applies every held event and fires every timer due by {@code end}, as far as no score answer is awaited. */
	private void settle(CustomerSlot slot, long end) {
		release(slot, Long.MAX_VALUE);
		int due;
		while (slot.awaitingScores == 0 && slot.heldCount == 0 && (due = slot.dueTimer(end)) >= 0) {
			fireTimer(slot, due);
		}
	}

	/**
	 * Sends every waiting score request now (before a checkpoint, say) and lets the customers who
	 * waited for the answers go on; results are the same as later.
	 */
	public void drainScores() {
		while (!scores.isEmpty()) {
			flushScores();
		}
	}

	/**
	 * Scores the batch and applies the answers; then each answered customer's held events go on (they
	 * waited for the answer) until they wait again. Goes on while that fills another batch.
	 */
	private void flushScores() {
		if (flushing) {
			return;
		}
		flushing = true;
		try {
			do {
				List<ScoreBatch.Scored> batch = scores.take();
				for (ScoreBatch.Scored scored : batch) {
					CustomerSlot slot = scored.pending().customer();
					ScoreRequest request = scored.pending().request();
					slot.awaitingScores--;
					apply(slot, scored.update(), 0);
				}
				for (ScoreBatch.Scored scored : batch) {
					CustomerSlot slot = scored.pending().customer();
					if (slot.awaitingScores == 0 && slot.heldCount > 0) {
						release(slot, releaseLine(slot));
					}
				}
			} while (scores.full());
		} finally {
			flushing = false;
		}
	}

	/** The customers changed since the last call, each once; their {@code changed} marks are cleared. */
	public void drainChanged(Consumer<CustomerSlot> customer) {
		List<CustomerSlot> drained = changed;
		changed = new ArrayList<>();
		for (CustomerSlot slot : drained) {
			slot.changed = false;
			customer.accept(slot);
		}
		interval++;
	}

	/**
	 * Lets go of unchanged customers (already written) until at most {@code keep} stay, those not
	 * touched in the current interval first. Customers waiting for a score or held live stay.
	 */
	public void evictUnchanged(int keep) {
		if (slots.size() <= keep) {
			return;
		}
		for (int pass = 0; pass < 2 && slots.size() > keep; pass++) {
			long recent = interval - 1;
			for (Iterator<CustomerSlot> it = slots.iterator(); it.hasNext() && slots.size() > keep;) {
				CustomerSlot slot = it.next();
				if (!slot.changed && slot.awaitingScores == 0 && !holding.contains(slot)
						&& (pass == 1 || slot.lastTouched < recent)) {
					it.remove();
				}
			}
		}
	}

	public int customersInMemory() {
		return slots.size();
	}

	/** Timers set minus timers fired or cancelled since the last call. */
	public long takePendingTimerDelta() {
		long delta = pendingTimerDelta;
		pendingTimerDelta = 0;
		return delta;
	}

	/** Events that came earlier than one already seen for their customer and were put back in order. */
	public long outOfOrderEvents() {
		return outOfOrderEvents;
	}

	/** Events that came too late to be put in order (the listener got each). */
	public long lateEvents() {
		return lateEvents;
	}

	public long scoreBatches() {
		return scores.batches();
	}

	public long rowsScored() {
		return scores.rows();
	}

	/** Every customer in memory (the simulator reports on all of them; it lets none go). */
	public Iterable<CustomerSlot> customers() {
		return slots.values();
	}

	/** The customer's slot: in memory, read back from the store, or new (the listener hears of a new one). */
	public CustomerSlot customer(String customerId) {
		return slot(customerId);
	}

	/**
	 * A change made to a customer outside the step function (a journey test placing them in a stage),
	 * taken as a step's result is: its state becomes theirs, its timers are set and cancelled, its
	 * score requests sent. The listener does not hear of it: the caller has the result.
	 */
	public void takeResult(String customerId, StepResult result) {
		CustomerSlot slot = slot(customerId);
		takeState(slot, result);
		requestScores(slot, result);
	}

	private CustomerSlot slot(String customerId) {
		CustomerSlot slot = slots.get(customerId);
		if (slot == null) {
			byte[] bytes = stored.load(customerId);
			if (bytes != null) {
				return storedSlot(customerId, bytes);
			}
			slot = new CustomerSlot(customerId, step.initialState(customerId));
			listener.onNewCustomer(slot);
			slots.put(slot);
		}
		slot.lastTouched = interval;
		return slot;
	}

	/** A customer read back from the store, now in memory. */
	private CustomerSlot storedSlot(String customerId, byte[] bytes) {
		CustomerSlot slot = SlotCodec.decode(customerId, bytes);
		if (wallTimers != null) {
			for (int i = 0; i < slot.timerCount; i++) {
				wallTimers.set(customerId, slot.timerIds[i], slot.timerDue[i]);
			}
			if (slot.heldCount > 0) {
				holding.add(slot);
			}
		}
		slots.put(slot);
		slot.lastTouched = interval;
		return slot;
	}

	private long releaseLine(CustomerSlot slot) {
		long latest = settings.wallClock() ? Math.max(slot.latestSeen, now) : slot.latestSeen;
		return latest - settings.latenessMillis();
	}

	/**
	 * Applies the customer's held events up to {@code upTo} in time order, each after the timers due
	 * by its time; stops whenever the customer waits for a score answer (the rest waits with them).
	 */
	private void release(CustomerSlot slot, long upTo) {
		Event event;
		while (slot.awaitingScores == 0 && (event = slot.firstHeldUpTo(upTo)) != null) {
			int due = slot.dueTimer(event.at());
			if (due >= 0) {
				fireTimer(slot, due);
			} else {
				long line = slot.takeFirstHeld();
				apply(slot, event, line);
			}
		}
	}

	private void fireTimer(CustomerSlot slot, int index) {
		String id = slot.timerIds[index];
		long at = slot.timerDue[index];
		slot.removeTimer(index);
		pendingTimerDelta--;
		if (wallTimers != null) {
			wallTimers.cancel(slot.customerId, id);
		}
		apply(slot, new TimerFired(slot.customerId, id, at), 0);
	}

	private void apply(CustomerSlot slot, StepInput input, long line) {
		if (slot.erased) {
			return;
		}
		listener.beforeStep(slot, input);
		StepResult result;
		try {
			result = step.applyInPlace(slot.state, input);
		} catch (RuntimeException e) {
			listener.onFailedInput(input, line, e);
			return;
		}
		if (input.at() > slot.clock) {
			slot.clock = input.at();
		}
		takeState(slot, result);
		listener.onStep(slot, input, result);
		requestScores(slot, result);
	}

	/** The result's state and timers become the customer's. */
	private void takeState(CustomerSlot slot, StepResult result) {
		slot.state = result.state();
		markChanged(slot);
		// by index: an enhanced for would make an iterator per list per step, most of them over empty lists
		List<String> toCancel = result.timersToCancel();
		for (int i = 0; i < toCancel.size(); i++) {
			String id = toCancel.get(i);
			if (slot.cancelTimer(id)) {
				pendingTimerDelta--;
				if (wallTimers != null) {
					wallTimers.cancel(slot.customerId, id);
				}
			}
		}
		List<TimerRequest> toSet = result.timersToSet();
		for (int i = 0; i < toSet.size(); i++) {
			TimerRequest timer = toSet.get(i);
			if (slot.setTimer(timer.timerId(), timer.dueAt())) {
				pendingTimerDelta++;
			}
			if (wallTimers != null) {
				wallTimers.set(slot.customerId, timer.timerId(), timer.dueAt());
			}
		}
	}

	private void requestScores(CustomerSlot slot, StepResult result) {
		List<ScoreRequest> requests = result.scoreRequests();
		for (int i = 0; i < requests.size(); i++) {
			ScoreRequest request = requests.get(i);
			slot.awaitingScores++;
			scores.add(slot, request);
		}
		if (scores.full()) {
			flushScores();
		}
	}

	private void markChanged(CustomerSlot slot) {
		if (!slot.changed) {
			slot.changed = true;
			changed.add(slot);
		}
	}
}
