package io.itinera.serve;

/**
 * What {@code serve} says when its engine stops on an exception: the first message in the chain of
 * causes that is more than a copy of its cause's class and message, or, when none has one (a NullPointerException, say), what failed and what to do, with the
 * exception's kind only as a detail for a report.
 */
final class EngineFailure {
	private EngineFailure() {
	}

	static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			String message = cause.getMessage();
			boolean ownWords = message != null && !message.isBlank()
					&& (cause.getCause() == null || !message.equals(cause.getCause().toString())); // not "java.io.IOException: …"
			if (ownWords) {
				return message.strip();
			}
		}
		return "the engine failed while it processed the events, on an internal error that says nothing more ("
				+ failure.getClass().getSimpleName() + "); start serve again to go on from its last checkpoint, and please report it";
	}
}
