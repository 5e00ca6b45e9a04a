package io.itinera.cli.vocabulary;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as every option writes them: a number and a unit of s, m, h, d or w ({@code 90s},
 * {@code 1m}, {@code 2w}), or {@code 0}. The one parser of the command line.
 */
public final class DurationOption {
	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhdw])|0+");

	private DurationOption() {
	}

	public static long unitMillis(String unit) {
		return switch (unit) {
			case "s" -> 1_000L;
			case "m" -> 60_000L;
			case "h" -> 3_600_000L;
			case "d" -> 86_400_000L;
			case "w" -> 7 * 86_400_000L;
			default -> throw new IllegalArgumentException("no duration unit " + unit);
		};
	}

	/** @throws IllegalArgumentException with a message that says what to write instead */
	public static long millis(String option, String text) {
		Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
		if (!m.matches()) {
			throw new IllegalArgumentException(option + " " + text + " is not a duration; write a number and a unit (s, m, h, d, w),"
					+ " e.g. 30s, 5m, 2h, 1d, 2w, or 0.");
		}
		return m.group(2) == null ? 0 : Long.parseLong(m.group(1)) * unitMillis(m.group(2));
	}

	/** {@link #millis} of more than zero. */
	public static long positiveMillis(String option, String text) {
		long millis = millis(option, text);
		if (millis <= 0) {
			throw new IllegalArgumentException(option + " " + text + ": give a duration longer than 0, e.g. 7d, 12h, 2w or 90m.");
		}
		return millis;
	}
}
