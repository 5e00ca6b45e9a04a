package io.itinera.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stops a child process a command started (the Flink job's JVM, or the {@code flink run} client) when
 * the command itself is stopped (Ctrl-C, SIGTERM): SIGTERM first, then, if it has not ended within the
 * grace period (a shutdown hook of its own that hangs), SIGKILL; one line says so.
 */
final class JobProcessStop {
	private JobProcessStop() {
	}

	/** Ends {@code process}, politely for at most {@code grace}; {@code what} names what ends with it, for the message. */
	static void stop(Process process, Duration grace, String what, PrintStream err) {
		process.destroy(); // Ctrl-C reaches the job's JVM too: it may be ending already
		boolean ended = waitFor(process, grace);
		if (!ended) {
			process.destroyForcibly();
			waitFor(process, Duration.ofSeconds(5));
		}
		err.println("itinera flink: stopped; " + what + (ended ? "" : " (killed: it did not stop within " + grace.toSeconds() + " s)"));
		err.flush();
	}

	private static boolean waitFor(Process process, Duration time) {
		try {
			return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}
}
