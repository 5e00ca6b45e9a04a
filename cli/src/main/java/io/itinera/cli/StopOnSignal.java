package io.itinera.cli;

import io.itinera.runtime.engine.LocalEngine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during {@code run}: the engine stops after the line it is reading and writes a
 * checkpoint, and the user is told how to go on. The JVM waits for that in a shutdown hook.
 */
final class StopOnSignal {
	private final CountDownLatch finished = new CountDownLatch(1);
	private final Thread hook;

	private StopOnSignal(LocalEngine engine, boolean inMemory) {
		hook = new Thread(() -> {
			engine.stop();
			try {
				finished.await(30, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			System.err.println();
			System.err.printf("Stopped after line %,d%s%n", engine.linesRead(),
					inMemory ? " (state was in memory only: a new run starts over)." : "; run the same command to continue.");
			System.err.flush();
		}, "itinera-run-stop");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	static StopOnSignal install(LocalEngine engine, boolean inMemory) {
		return new StopOnSignal(engine, inMemory);
	}

	/** The run is over (to its end, or stopped): the hook need not wait, and is removed if the JVM is not already exiting. */
	void done() {
		finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		} catch (IllegalStateException shuttingDown) {
			// a signal came in: the hook is running and reports the stop
		}
	}
}
