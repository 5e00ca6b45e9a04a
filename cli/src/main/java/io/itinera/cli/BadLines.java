package io.itinera.cli;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.text.Shown;
import java.io.PrintWriter;
import java.util.Locale;

/** The check run and simulate make after their run: too many unreadable lines is an error, not a result. */
final class BadLines {
	private BadLines() {
	}

	/**
	 * 0 when the log {@code input} opened had at most its {@code --max-bad-lines} share of unreadable
	 * lines; else says so on {@code err} and returns {@link ExitCode#TOO_MANY_BAD_LINES}.
	 */
	static int check(EventInputOptions input, PrintWriter err) {
		EventLogSource log = input.opened;
		if (log == null) {
			return ExitCode.OK.code();
		}
		return check(log.badLines(), log.linesRead(), input.maxBadShare(), log.firstBadLine(), err);
	}

	static int check(long bad, long lines, double maxShare, DeadLetter first, PrintWriter err) {
		if (lines == 0 || bad <= maxShare * lines) {
			return ExitCode.OK.code();
		}
		err.printf(Locale.ROOT, "error: %,d of %,d lines (%.1f%%) could not be read and went to the dead letters, more than "
				+ "--max-bad-lines %s%%: the log is probably read the wrong way (check --format, --delimiter, --columns and "
				+ "--map).%n", bad, lines, 100.0 * bad / lines, trim(maxShare * 100));
		if (first != null) {
			err.println("The first, line " + first.line() + ": " + Shown.cut(first.reason()));
		}
		err.flush();
		return ExitCode.TOO_MANY_BAD_LINES.code();
	}

	private static String trim(double percent) {
		return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
	}
}
