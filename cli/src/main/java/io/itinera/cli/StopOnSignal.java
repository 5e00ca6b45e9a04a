package io.itinera.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ctrl-C or SIGTERM during a long command ({@code run}, {@code simulate}): the work is asked to stop
 * (it ends cleanly: a checkpoint, a partial report), and the JVM, which halts as soon as its shutdown
 * hooks end, is held in the hook until the command has said everything ({@link #done()}, called after
 * its summary is printed and flushed). So the summary is never cut, and is said once.
 */
final class StopOnSignal {
	/** How long the hook waits for the command to finish before the JVM goes anyway. */
	private static final long WAIT_SECONDS = 120;

	private final CountDownLatch finished = new CountDownLatch(1);
	private final Thread hook;

	private StopOnSignal(Runnable stop, Supplier<String> whereItStopped) {
		hook = new Thread(() -> {
			stop.run();
			boolean inTime = false;
			try {
				inTime = finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			String said = inTime ? whereItStopped.get()
					: "Still stopping after " + WAIT_SECONDS + " s: exiting now. Run the same command to continue.";
			if (said != null) {
				System.err.println();
				System.err.println(said);
				System.err.flush();
			}
		}, "itinera-stop");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	/**
	 * {@code whereItStopped} is asked once the command is done, and printed unless null (when the
	 * command's own summary says where it stopped).
	 */
	static StopOnSignal install(Runnable stop, Supplier<String> whereItStopped) {
		return new StopOnSignal(stop, whereItStopped);
	}

	/**
	 * The command has said all it says (to the end of the work, or stopped): the hook need not wait,
	 * and is removed if the JVM is not already exiting.
	 */
	void done() {
		finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		} catch (IllegalStateException shuttingDown) {
			// a signal came in: the hook is running and lets the JVM go now
		}
	}
}
