package io.itinera.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ctrl-C or SIGTERM during a long command ({@code run}, {@code simulate}): the work is asked to stop
 * (it ends cleanly: a checkpoint, a partial report), the JVM waits for that in a shutdown hook,
 * and the user is told where it stopped and how to go on.
 */
final class StopOnSignal {
	private final CountDownLatch finished = new CountDownLatch(1);
	private final Thread hook;

	private StopOnSignal(Runnable stop, Supplier<String> whereItStopped) {
		hook = new Thread(() -> {
			stop.run();
			try {
				finished.await(30, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			System.err.println();
			System.err.println(whereItStopped.get());
			System.err.flush();
		}, "itinera-stop");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	/** {@code whereItStopped} is asked once the work has stopped. */
	static StopOnSignal install(Runnable stop, Supplier<String> whereItStopped) {
		return new StopOnSignal(stop, whereItStopped);
	}

	/** The work is over (to its end, or stopped): the hook need not wait, and is removed if the JVM is not already exiting. */
	void done() {
		finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		} catch (IllegalStateException shuttingDown) {
			// a signal came in: the hook is running and says where the work stopped
		}
	}
}
