package io.itinera.runtime.io;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an epoch-millisecond time as {@link Instant#toString()} writes it ({@code
 * 2017-12-03T16:10:02Z}, {@code .SSS} when there are milliseconds), without a formatter: the day's
 * text is kept from the previous call (lines of a run come mostly from one day), the rest is digits.
 */
final class IsoInstant {
	/** The most bytes a time takes ({@code +1000000000-12-31T23:59:59.999Z} at the ends of Instant's range). */
	static final int MAX_LENGTH = 32;
	private static final long MILLIS_PER_DAY = 86_400_000L;
	/** 0000-01-01 and 9999-12-31: outside them Instant writes a sign or more digits. */
	private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
	private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

	/** The last day written, shared by threads: an immutable pair, so a racing read sees a whole one. */
	private static Day lastDay = new Day(0, "1970-01-01T".getBytes(StandardCharsets.US_ASCII));

	private record Day(long epochDay, byte[] text) {
	}

	private IsoInstant() {
	}

	static void append(StringBuilder text, long epochMillis) {
		byte[] bytes = new byte[MAX_LENGTH];
		text.append(new String(bytes, 0, write(bytes, 0, epochMillis), StandardCharsets.US_ASCII));
	}

	/** Writes the time into {@code into} from {@code at}, which has room for {@link #MAX_LENGTH} bytes; returns the end. */
	static int write(byte[] into, int at, long epochMillis) {
		long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
		if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
			String text = Instant.ofEpochMilli(epochMillis).toString();
			for (int i = 0; i < text.length(); i++) {
				into[at++] = (byte) text.charAt(i);
			}
			return at;
		}
		Day day = lastDay;
		if (day.epochDay() != epochDay) {
			day = new Day(epochDay, (LocalDate.ofEpochDay(epochDay) + "T").getBytes(StandardCharsets.US_ASCII));
			lastDay = day;
		}
		int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
		int seconds = millisOfDay / 1000;
		System.arraycopy(day.text(), 0, into, at, day.text().length);
		at += day.text().length;
		at = twoDigits(into, at, seconds / 3600);
		into[at++] = ':';
		at = twoDigits(into, at, seconds / 60 % 60);
		into[at++] = ':';
		at = twoDigits(into, at, seconds % 60);
		int millis = millisOfDay % 1000;
		if (millis != 0) {
			into[at++] = '.';
			into[at++] = (byte) ('0' + millis / 100);
			into[at++] = (byte) ('0' + millis / 10 % 10);
			into[at++] = (byte) ('0' + millis % 10);
		}
		into[at++] = 'Z';
		return at;
	}

	private static int twoDigits(byte[] into, int at, int value) {
		into[at] = (byte) ('0' + value / 10);
		into[at + 1] = (byte) ('0' + value % 10);
		return at + 2;
	}
}
