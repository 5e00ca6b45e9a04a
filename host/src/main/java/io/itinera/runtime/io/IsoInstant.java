package io.itinera.runtime.io;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Appends an epoch-millisecond time as {@link Instant#toString()} writes it ({@code
 * 2017-12-03T16:10:02Z}, {@code .SSS} when there are milliseconds), without a formatter: the day's
 * text is kept from the previous call (lines of a run come mostly from one day), the rest is digits.
 */
final class IsoInstant {
	private static final long MILLIS_PER_DAY = 86_400_000L;
	/** 0000-01-01 and 9999-12-31: outside them Instant writes a sign or more digits. */
	private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
	private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

	/** The last day written, shared by threads: an immutable pair, so a racing read sees a whole one. */
	private static Day lastDay = new Day(0, "1970-01-01T");

	private record Day(long epochDay, String text) {
	}

	private IsoInstant() {
	}

	static void append(StringBuilder text, long epochMillis) {
		long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
		if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
			text.append(Instant.ofEpochMilli(epochMillis));
			return;
		}
		Day day = lastDay;
		if (day.epochDay() != epochDay) {
			day = new Day(epochDay, LocalDate.ofEpochDay(epochDay) + "T");
			lastDay = day;
		}
		int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
		int seconds = millisOfDay / 1000;
		text.append(day.text());
		twoDigits(text, seconds / 3600);
		text.append(':');
		twoDigits(text, seconds / 60 % 60);
		text.append(':');
		twoDigits(text, seconds % 60);
		int millis = millisOfDay % 1000;
		if (millis != 0) {
			text.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
					.append((char) ('0' + millis % 10));
		}
		text.append('Z');
	}

	private static void twoDigits(StringBuilder text, int value) {
		text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}
}
