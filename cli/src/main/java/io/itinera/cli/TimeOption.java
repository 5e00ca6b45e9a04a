package io.itinera.cli;

import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.TimeFormat;
import java.time.ZoneOffset;

/** A moment as options write it ({@code --from}, {@code --to}, {@code --switch-at}): read as a log's times are, in UTC. */
final class TimeOption {
	private TimeOption() {
	}

	/** Epoch ms, or null for null; @throws IllegalArgumentException naming the option and the forms it takes */
	static Long millis(String option, String text) {
		if (text == null) {
			return null;
		}
		try {
			return TimeFormat.of("auto", ZoneOffset.UTC).parse(text.trim());
		} catch (BadLineException e) {
			throw new IllegalArgumentException(option + " " + text + ": give an ISO date or date-time such as 2017-11-25 "
					+ "or 2017-11-25T12:00:00Z, or epoch seconds");
		}
	}
}
