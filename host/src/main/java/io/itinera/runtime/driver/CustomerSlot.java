package io.itinera.runtime.driver;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import java.util.Arrays;

/**
 * What the driver keeps for one customer: the journey state, the customer's own event-time clock,
 * the timers the step function asked for, the events held back to be put in order, and how many
 * score answers are outstanding. Small and fixed in size, so memory grows with customers, not events.
 */
public final class CustomerSlot {
	static final long NEVER = Long.MIN_VALUE;
	private static final Event[] NO_EVENTS = new Event[0];
	private static final long[] NO_MOMENTS = new long[0];

	final String customerId;
	CustomerState state;
	/** The time of the last input applied: an event earlier than this is late. */
	long clock = NEVER;
	/** The latest event time seen for the customer, held or applied. */
	long latestSeen = NEVER;

	String[] timerIds = new String[0];
	long[] timerDue = new long[0];
	int timerCount;

	Event[] heldEvents = NO_EVENTS;
	/** Each held event's time and line, side by side ({@code [at0, line0, at1, line1, …]}): ordering reads no event. */
	long[] heldMoments = NO_MOMENTS;
	int heldCount;

	int awaitingScores;
	boolean changed;
	/** The number of the last checkpoint interval in which an input reached the customer (for eviction). */
	long lastTouched;
	/** Erased: the slot is gone for good, and a checkpoint deletes the customer from the store. */
	boolean erased;
	/** Whatever the host keeps per customer (the simulator's report figures). */
	Object attachment;
	/**
	 * Whether a store's index of customers with pending work may hold the customer: once a record of
	 * the slot had pending work, or the slot was read back from bytes. Never false again, so a record
	 * that replaces an uncommitted one cannot lose a deletion.
	 */
	boolean mayBeIndexedPending;

	CustomerSlot(String customerId, CustomerState state) {
		this.customerId = customerId;
		this.state = state;
	}

	/** A slot for a customer no input has reached yet (a profile loaded before their first event). */
	public static CustomerSlot fresh(String customerId, CustomerState state) {
		return new CustomerSlot(customerId, state);
	}

	public String customerId() {
		return customerId;
	}

	public CustomerState state() {
		return state;
	}

	/** Whether the customer was erased ({@link StepDriver#forget}): write a deletion, not their state. */
	public boolean erased() {
		return erased;
	}

	public Object attachment() {
		return attachment;
	}

	public void attach(Object value) {
		this.attachment = value;
	}

	public int pendingTimers() {
		return timerCount;
	}

	/** The pending timers, in the order they were set. */
	public java.util.List<io.itinera.runtime.step.TimerRequest> timers() {
		java.util.List<io.itinera.runtime.step.TimerRequest> timers = new java.util.ArrayList<>(timerCount);
		for (int i = 0; i < timerCount; i++) {
			timers.add(new io.itinera.runtime.step.TimerRequest(customerId, timerIds[i], timerDue[i]));
		}
		return timers;
	}

	public int heldEvents() {
		return heldCount;
	}

	/**
	 * The earliest time at which something waits in the slot (a timer due, a held event), or
	 * Long.MAX_VALUE: a host with its own timers (Flink) wakes the customer then.
	 */
	public long nextDue() {
		long next = heldCount > 0 ? heldMoments[0] : Long.MAX_VALUE;
		for (int i = 0; i < timerCount; i++) {
			next = Math.min(next, timerDue[i]);
		}
		return next;
	}

	/** Whether timers or held events wait in the slot (the store's pending index). */
	public boolean hasPendingWork() {
		return timerCount > 0 || heldCount > 0;
	}

	/**
	 * For a record of the slot with or without {@code pendingWork}: whether a store's pending index may
	 * already hold the customer (if not, a record without pending work needs no deletion there: most
	 * customers of a first run never had any). From now on it may, when {@code pendingWork}.
	 */
	public boolean recordedPending(boolean pendingWork) {
		boolean before = mayBeIndexedPending;
		mayBeIndexedPending |= pendingWork;
		return before;
	}

	/**
	 * The slot moved to a new version of its journey (a customer migration):
	 * the migrated state, then the timers cancelled and set as the migration says.
	 */
	public void migrate(CustomerState migrated, java.util.List<String> timersToCancel,
			java.util.List<io.itinera.runtime.step.TimerRequest> timersToSet) {
		state = migrated;
		timersToCancel.forEach(this::cancelTimer);
		timersToSet.forEach(timer -> setTimer(timer.timerId(), timer.dueAt()));
	}

	/** Sets a timer, replacing one of the same id; true when the id was new. */
	boolean setTimer(String id, long due) {
		boolean replaced = cancelTimer(id);
		if (timerCount == timerIds.length) {
			int size = Math.max(2, timerCount * 2);
			timerIds = Arrays.copyOf(timerIds, size);
			timerDue = Arrays.copyOf(timerDue, size);
		}
		timerIds[timerCount] = id;
		timerDue[timerCount] = due;
		timerCount++;
		return !replaced;
	}

	boolean cancelTimer(String id) {
		int index = timerIndex(id);
		if (index < 0) {
			return false;
		}
		removeTimer(index);
		return true;
	}

	int timerIndex(String id) {
		for (int i = 0; i < timerCount; i++) {
			if (timerIds[i].equals(id)) {
				return i;
			}
		}
		return -1;
	}

	void removeTimer(int index) {
		timerCount--;
		System.arraycopy(timerIds, index + 1, timerIds, index, timerCount - index);
		System.arraycopy(timerDue, index + 1, timerDue, index, timerCount - index);
		timerIds[timerCount] = null;
	}

	/** The index of the timer to fire next if it is due at or before {@code until}, else -1 (in {@link TimerOrder}). */
	int dueTimer(long until) {
		int best = -1;
		for (int i = 0; i < timerCount; i++) {
			if (timerDue[i] <= until
					&& (best < 0 || TimerOrder.firesBefore(timerDue[i], timerIds[i], timerDue[best], timerIds[best]))) {
				best = i;
			}
		}
		return best;
	}

	/** Keeps an event back, in {@link EventOrder}: by time, events of the same time by content, whatever order they came in. */
	void hold(Event event, long line) {
		if (heldCount == heldEvents.length) {
			Event[] events = new Event[Math.max(2, heldCount * 2)];
			long[] moments = new long[events.length * 2];
			System.arraycopy(heldEvents, 0, events, 0, heldCount);
			System.arraycopy(heldMoments, 0, moments, 0, heldCount * 2);
			heldEvents = events;
			heldMoments = moments;
		}
		long time = event.at();
		int at = heldCount;
		while (at > 0 && (heldMoments[2 * at - 2] > time
				|| heldMoments[2 * at - 2] == time && EventOrder.compareContent(heldEvents[at - 1], event) > 0)) {
			at--;
		}
		System.arraycopy(heldEvents, at, heldEvents, at + 1, heldCount - at);
		System.arraycopy(heldMoments, 2 * at, heldMoments, 2 * at + 2, 2 * (heldCount - at));
		heldEvents[at] = event;
		heldMoments[2 * at] = time;
		heldMoments[2 * at + 1] = line;
		heldCount++;
	}

	/** The line of the {@code index}th held event. */
	long heldLine(int index) {
		return heldMoments[2 * index + 1];
	}

	/** The earliest held event if it is due at or before {@code until}, else null. */
	Event firstHeldUpTo(long until) {
		return heldCount > 0 && heldMoments[0] <= until ? heldEvents[0] : null;
	}

	long takeFirstHeld() {
		long line = heldMoments[1];
		heldCount--;
		System.arraycopy(heldEvents, 1, heldEvents, 0, heldCount);
		System.arraycopy(heldMoments, 2, heldMoments, 0, 2 * heldCount);
		heldEvents[heldCount] = null;
		return line;
	}
}
