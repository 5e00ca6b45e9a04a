package io.itinera.serve.intake;

/** A request body that cannot be read as a batch of events at all (400); the message tells the client what to fix. */
public class BadBatchException extends Exception {
	public BadBatchException(String message) {
		super(message);
	}

	/** A batch beyond the size limits (413). */
	public static final class TooLarge extends BadBatchException {
		public TooLarge(String message) {
			super(message);
		}
	}
}
