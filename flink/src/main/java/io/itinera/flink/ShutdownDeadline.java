package io.itinera.flink;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A local job's JVM ends within a grace period of a signal (Ctrl-C, SIGTERM) even when a shutdown
 * hook hangs: the MiniCluster closes its task executor in a hook, which waits for task threads that
 * may be deep in a watermark's timers or a heap in full collections, and a JVM whose hooks never
 * return never exits (at 10M customers SIGTERM left the job running; only SIGKILL ended it).
 */
final class ShutdownDeadline {
	/** Exit status when the hooks ran out of time: 128 + SIGTERM, as a JVM ended by the signal has. */
	static final int HALTED = 143;

	private ShutdownDeadline() {
	}

	/** From now on, this JVM's shutdown (a signal, or {@code System.exit}) takes at most {@code grace}. */
	static void install(Duration grace, PrintStream err) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			Thread deadline = new Thread(() -> {
				try {
					Thread.sleep(grace.toMillis());
				} catch (InterruptedException e) {
					return;
				}
				err.println("itinera flink: the job did not stop within " + grace.toSeconds() + " s of the signal; stopped at once");
				err.flush();
				Runtime.getRuntime().halt(HALTED);
			}, "itinera-shutdown-deadline");
			deadline.setDaemon(true); // the JVM does not wait for it when the other hooks end in time
			deadline.start();
		}, "itinera-shutdown"));
	}
}
