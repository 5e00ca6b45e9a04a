package io.itinera.runtime.engine;

/** A run that cannot go on; the message says why and what to do. */
public final class EngineException extends RuntimeException {
	public EngineException(String message) {
		super(message);
	}

	public EngineException(String message, Throwable cause) {
		super(message, cause);
	}

	static EngineException from(Throwable error) {
		if (error instanceof EngineException engine) {
			return engine;
		}
		String message = error.getMessage() == null ? error.toString() : error.getMessage();
		return new EngineException(message, error);
	}
}
