package io.itinera.runtime.io;

/** A line that cannot become an event; the reason goes to the dead-letter file. No stack trace: these are data, not bugs. */
public final class BadLineException extends Exception {
	public BadLineException(String reason) {
		super(reason, null, false, false);
	}
}
