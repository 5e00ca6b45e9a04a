package io.itinera.cli;

import io.itinera.runtime.io.ThreadWork;
import io.itinera.runtime.replay.FileReplay;
import java.io.IOException;
import java.util.concurrent.FutureTask;

/**
 * A replay's log opened on a thread of its own while the command assembles the journey: opening it
 * reads the whole log once ({@link FileReplay}'s first pass) and assembling compiles the rules, so on
 * a machine with a second core the two take about the time of the longer one, not their sum.
 */
final class LogOpening<L extends AutoCloseable> {
	/** Opens the log (a {@link FileReplay}), as the command would on its own thread. */
	@FunctionalInterface
	interface Opener<L> {
		L open() throws IOException;
	}

	private final FutureTask<L> opening;

	private LogOpening(FutureTask<L> opening) {
		this.opening = opening;
	}

	static <L extends AutoCloseable> LogOpening<L> start(Opener<L> opener) {
		FutureTask<L> opening = new FutureTask<>(opener::open);
		Thread thread = new Thread(opening, "itinera-log-opening");
		thread.setDaemon(true);
		thread.start();
		return new LogOpening<>(opening);
	}

	/** The opened log; what opening it threw is thrown here, as if the log had been opened on this thread. */
	L get() throws IOException {
		L log = ThreadWork.result(opening, "opening the log");
		ClassDataArchive.readALog();
		return log;
	}

	/** The log is not needed after all (the command failed before its replay): waits for it and closes it. */
	void discard() {
		try {
			get().close();
		} catch (Exception e) {
			// the command has already failed and said why; a second reason would only hide the first
		}
	}
}
