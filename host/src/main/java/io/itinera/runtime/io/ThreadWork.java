package io.itinera.runtime.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Work a reader started on a thread of its own, awaited as if it had run on the caller's thread. */
public final class ThreadWork {
	private ThreadWork() {
	}

	/**
	 * The work's result; what it threw is thrown here as it was (an {@link IOException}, a runtime exception
	 * or an error).
	 *
	 * @param doing what the work does, for the message when the wait is interrupted ("opening the log")
	 */
	public static <T> T result(Future<T> work, String doing) throws IOException {
		try {
			return work.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while " + doing);
		} catch (ExecutionException e) {
			throwAsItWas(e.getCause());
			throw new IllegalStateException(e.getCause());
		}
	}

	/**
	 * Throws what another thread's work threw as it was, when it is an {@link IOException}, a runtime
	 * exception or an error; returns for anything else (null, or another checked exception).
	 */
	public static void throwAsItWas(Throwable failure) throws IOException {
		if (failure instanceof IOException io) {
			throw io;
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
	}
}
