package io.itinera.cli.train;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses "7d", "30d", "12h", "2w" or "90m" into milliseconds. */
final class Durations {
	private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([mhdw])");

	private Durations() {
	}

	static long parse(String text) {
		Matcher matcher = FORM.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
		if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
			throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Object()),
					"'" + text + "' is not a duration; write a positive number and a unit, e.g. 7d, 12h, 2w, 90m");
		}
		long amount = Long.parseLong(matcher.group(1));
		return amount * switch (matcher.group(2)) {
			case "m" -> 60_000L;
			case "h" -> 3_600_000L;
			case "d" -> 86_400_000L;
			default -> 7 * 86_400_000L;
		};
	}
}
