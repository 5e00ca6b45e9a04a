package io.itinera.runtime.engine;

/** The first error of any engine thread; every thread checks it and stops. */
final class EngineFailure {
	private volatile Throwable error;

	void fail(Throwable cause) {
		synchronized (this) {
			if (error == null) {
				error = cause;
			}
		}
	}

	boolean failed() {
		return error != null;
	}

	Throwable error() {
		return error;
	}
}
