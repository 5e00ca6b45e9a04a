package io.itinera.runtime.scoring.remote;

/** The inference server did not give a usable answer; the message says what it did instead. */
public final class RemoteScoringException extends Exception {
	private final boolean retryable;

	RemoteScoringException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	/** False for answers that another try cannot change (a 4xx other than 408 and 429, a malformed body). */
	public boolean retryable() {
		return retryable;
	}
}
