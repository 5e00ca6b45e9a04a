package io.itinera.runtime.scoring.remote;

import java.time.Duration;

/**
 * Closed while the server answers; open after {@code failuresToOpen} failed batches in a row, when
 * no request is sent for {@code openFor}; then half open: the next batch tries, and its outcome
 * closes or reopens the circuit. Times are {@link System#nanoTime()} readings, passed in for tests.
 */
final class CircuitBreaker {
	private final int failuresToOpen;
	private final long openForNanos;
	private int failuresInARow;
	private long openUntil;
	private boolean open;

	CircuitBreaker(int failuresToOpen, Duration openFor) {
		this.failuresToOpen = failuresToOpen;
		this.openForNanos = openFor.toNanos();
	}

	/** Whether a request may go out now. */
	synchronized boolean allows(long now) {
		return !open || now - openUntil >= 0;
	}

	synchronized void succeeded() {
		failuresInARow = 0;
		open = false;
	}

	/** Counts a failed batch; true when this failure opened (or reopened) the circuit. */
	synchronized boolean failed(long now) {
		failuresInARow++;
		if (open || failuresInARow >= failuresToOpen) {
			boolean opening = !open;
			open = true;
			openUntil = now + openForNanos;
			return opening;
		}
		return false;
	}

	synchronized boolean isOpen() {
		return open;
	}
}
