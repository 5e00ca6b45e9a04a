package io.itinera.cli;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.Shown;
import java.io.PrintWriter;
import java.util.Locale;

/** The check run and simulate make after their run: too many unreadable lines is an error, not a result. */
final class BadLines {
	/** The exit status of a run whose input was mostly unreadable. */
	static final int EXIT = 3;

	private BadLines() {
	}

	/**
	 * 0 when the log {@code input} opened had at most its {@code --max-bad-lines} share of unreadable
	 * lines; else says so on {@code err} and returns {@link #EXIT}.
	 */
	static int check(EventInputOptions input, PrintWriter err) {
		EventLogSource log = input.opened;
		if (log == null) {
			return 0;
		}
		return check(log.badLines(), log.linesRead(), input.maxBadShare(), log.firstBadLine(), err);
	}

	static int check(long bad, long lines, double maxShare, DeadLetter first, PrintWriter err) {
		if (lines == 0 || bad <= maxShare * lines) {
			return 0;
		}
		err.printf(Locale.ROOT, "error: %,d of %,d lines (%.1f%%) could not be read and went to the dead letters, more than "
				+ "--max-bad-lines %s%%: the log is probably read the wrong way (check --format, --delimiter, --columns and "
				+ "--map).%n", bad, lines, 100.0 * bad / lines, trim(maxShare * 100));
		if (first != null) {
			err.println("The first, line " + first.line() + ": " + Shown.cut(first.reason()));
		}
		err.flush();
		return EXIT;
	}

	private static String trim(double percent) {
		return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
	}
}
