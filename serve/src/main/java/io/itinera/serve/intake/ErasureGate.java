package io.itinera.serve.intake;

import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.erasure.ErasedCustomers;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * Keeps erased customers out of the input log: the intake drops their events (counted, never written
 * or dead-lettered) but a re-consent, which takes them off the list. An erasure closes the gate for a
 * moment, so that no request is between its check and its append when the customer goes on the list:
 * every line of theirs is then before the log length the erasure notes.
 */
public final class ErasureGate {
	private final ErasedCustomers erased;
	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	public ErasureGate(ErasedCustomers erased) {
		this.erased = erased;
	}

	/** A gate for a server without erasure: lets everyone in. */
	static ErasureGate open() {
		return new ErasureGate(StoredCustomers.NO_ERASED);
	}

	public ErasedCustomers erased() {
		return erased;
	}

	/** Held by a request from its first check to its append. */
	Lock admission() {
		return lock.readLock();
	}

	/** Whether the customer's event goes into the log: not when they were erased, unless it is their re-consent. */
	boolean admits(String customerId, String eventType) {
		if (!erased.contains(customerId)) {
			return true;
		}
		if (ErasedCustomers.RECONSENT_EVENT.equals(eventType)) {
			erased.lift(customerId);
			return true;
		}
		erased.countDropped();
		return false;
	}

	/**
	 * Puts the customer on the list (durably) while no request is being admitted.
	 *
	 * @return {@code logLength} read at that moment: no line of theirs will come after it
	 */
	public long erase(String customerId, long at, LongSupplier logLength) {
		Lock closed = lock.writeLock();
		closed.lock();
		try {
			erased.add(customerId, at);
			return logLength.getAsLong();
		} finally {
			closed.unlock();
		}
	}
}
