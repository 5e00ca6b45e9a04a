package io.itinera.runtime.io;

import io.itinera.runtime.text.Shown;
import java.time.Duration;
import java.time.Instant;

/**
 * The times a log line may plausibly carry: from {@code earliest} (default 1990-01-01) to the
 * run's wall-clock start plus a skew (default one day). A line outside is a dead letter, so one
 * typo year (2062 in a 2017 log, 9999-12-31) touches only its own line. A replay of a file also
 * ends it at the log's own times ({@link #endingAfterLog}: 2021 in a 2017 log). The window is fixed
 * when the log is opened, so it never depends on the order of the lines.
 */
public record TimeWindow(long earliest, long latest, String latestWhy) {
	public static final Instant DEFAULT_EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
	public static final Duration DEFAULT_MAX_SKEW = Duration.ofDays(1);

	/** From {@code earliest} to {@code now + maxSkew}. */
	public static TimeWindow of(Instant earliest, Instant now, Duration maxSkew) {
		now = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		long latest;
		try {
			latest = Math.addExact(now.toEpochMilli(), maxSkew.toMillis());
		} catch (ArithmeticException e) {
			latest = Long.MAX_VALUE;
		}
		return new TimeWindow(earliest.toEpochMilli(), latest, "the run's start " + now + " plus --max-skew " + describe(maxSkew));
	}

	/** The default window for a run starting now. */
	public static TimeWindow startingNow() {
		return of(DEFAULT_EARLIEST, Instant.now(), DEFAULT_MAX_SKEW);
	}

	/**
	 * This window, ending {@code maxSkewMillis} after {@code logReaches}, the time the rest of a log
	 * file reaches, when that is sooner: the lines a first pass found far beyond the rest
	 * ({@code replay.LogScan}) are dead letters that name the rule.
	 */
	public TimeWindow endingAfterLog(long logReaches, long maxSkewMillis) {
		long end = logReaches > Long.MAX_VALUE - maxSkewMillis ? Long.MAX_VALUE : logReaches + maxSkewMillis;
		if (end >= latest) {
			return this;
		}
		return new TimeWindow(earliest, end, "more than --max-skew " + describe(Duration.ofMillis(maxSkewMillis))
				+ " after the rest of the log, which reaches " + Instant.ofEpochMilli(logReaches) + ": a line far beyond the rest"
				+ " is taken for a typo (docs/events.md); to replay it, give a larger --max-skew");
	}

	/** No limits but the representable ones (for tests and tools that read any time). */
	public static TimeWindow unlimited() {
		return new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE, "");
	}

	boolean contains(long millis) {
		return millis >= earliest && millis <= latest;
	}

	/** Why {@code text} (read as {@code millis} by {@code format}) is refused; {@code column} names the time column. */
	String refusal(String text, long millis, String format, String column) {
		String read = "time " + Shown.quoted(text) + (text.equals(Instant.ofEpochMilli(millis).toString()) ? ""
				: " (read as " + Instant.ofEpochMilli(millis) + ")");
		if (millis > latest) {
			return read + " is after " + Instant.ofEpochMilli(latest) + ", the latest plausible time (" + latestWhy + ")";
		}
		String reason = read + " is before " + Instant.ofEpochMilli(earliest) + ", the earliest plausible time (--earliest)";
		boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
		if (digits && (format.equals("auto") || format.startsWith("epoch") || format.equals("seconds") || format.equals("millis"))) {
			String col = column == null ? "COLUMN" : column;
			if (text.length() == 8 && (text.startsWith("19") || text.startsWith("20"))) {
				reason += "; it looks like a date written yyyyMMdd: read it with --map time=" + col + ":yyyyMMdd";
			} else if (text.length() == 14 && (text.startsWith("19") || text.startsWith("20"))) {
				reason += "; it looks like yyyyMMddHHmmss: read it with --map time=" + col + ":yyyyMMddHHmmss";
			} else {
				reason += "; if the column is not epoch " + (text.length() > 11 ? "milliseconds" : "seconds")
						+ ", name its format with --map time=" + col + ":FORMAT";
			}
		}
		return reason;
	}

	private static String describe(Duration skew) {
		long seconds = skew.getSeconds();
		if (seconds % 86_400 == 0) {
			return seconds / 86_400 + "d";
		}
		if (seconds % 3600 == 0) {
			return seconds / 3600 + "h";
		}
		if (seconds % 60 == 0) {
			return seconds / 60 + "m";
		}
		return seconds + "s";
	}
}
