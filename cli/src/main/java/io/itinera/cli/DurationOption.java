package io.itinera.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as options write them: a number and a unit of s, m, h, d or w ({@code 90s}, {@code 1m}, {@code 0}). */
final class DurationOption {
	private static final Pattern DURATION = Pattern.compile("(\\d+)([smhdw]?)");

	private DurationOption() {
	}

	static long unitMillis(String unit) {
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
	static long millis(String option, String text) {
		Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
		if (!m.matches() || (m.group(2).isEmpty() && Long.parseLong(m.group(1)) != 0)) {
			throw new IllegalArgumentException(option + " " + text + " is not a duration; write e.g. 30s, 5m, 2h or 0.");
		}
		return m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(1)) * unitMillis(m.group(2));
	}
}
