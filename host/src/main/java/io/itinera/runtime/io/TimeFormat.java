package io.itinera.runtime.io;

import io.itinera.runtime.text.Shown;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * How a timestamp column is written. {@code auto} accepts ISO-8601 (with or without offset, with a
 * space for the T; local date-times and dates are read in the given zone) and epoch numbers
 * (seconds below 10^11, milliseconds above); the others accept only their own form. Every failure,
 * whatever the text, is a {@link BadLineException}: nothing else escapes {@link #parse}.
 * Plausibility (a year 9999 in a 2017 log) is {@link TimeWindow}'s job.
 */
public sealed interface TimeFormat {
	/** Epoch milliseconds for the text. */
	long parse(String text) throws BadLineException;

	static TimeFormat of(String spec, ZoneId zone) {
		return switch (spec) {
		case "auto" -> new Auto(zone);
		case "iso" -> new Iso(zone);
		case "epoch-seconds", "epoch-s", "seconds" -> new EpochSeconds();
		case "epoch-millis", "epoch-ms", "millis" -> new EpochMillis();
		default -> {
			try {
				yield new Pattern(spec, DateTimeFormatter.ofPattern(spec).withZone(zone));
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("'" + spec + "' is not a time format: use auto, iso, epoch-seconds, "
						+ "epoch-millis or a java.time pattern such as yyyy-MM-dd HH:mm:ss (" + e.getMessage() + ")");
			}
		}
		};
	}

	record Auto(ZoneId zone) implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			if (looksNumeric(text)) {
				double number = parseNumber(text);
				return Math.abs(number) < 1e11 ? epochMillis(text, number * 1000) : epochMillis(text, number);
			}
			if (text.length() > 11 && text.charAt(10) == ' ' && text.charAt(4) == '-') {
				// 2017-11-25 12:00:00, as many exports write it
				return new Iso(zone).parse(text.substring(0, 10) + 'T' + text.substring(11));
			}
			try {
				return new Iso(zone).parse(text);
			} catch (BadLineException e) {
				if (e.getMessage().endsWith(": out of range")) {
					throw e;
				}
				throw new BadLineException("bad timestamp " + Shown.quoted(text) + ": expected ISO-8601 such as "
						+ "2026-03-01T10:15:30Z or 2026-03-01, or epoch seconds or milliseconds (else name the format "
						+ "with --map time=COLUMN:FORMAT)");
			}
		}
	}

	record Iso(ZoneId zone) implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			long fast = utcFast(text);
			if (fast != Long.MIN_VALUE) {
				return fast;
			}
			try {
				if (text.length() > 10 && (text.endsWith("Z") || text.endsWith("z"))) {
					return millis(text, Instant.parse(text));
				}
				TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
						LocalDateTime::from);
				if (parsed instanceof OffsetDateTime offset) {
					return millis(text, offset.toInstant());
				}
				return millis(text, ((LocalDateTime) parsed).atZone(zone).toInstant());
			} catch (DateTimeException | ArithmeticException e) {
				try {
					return millis(text, LocalDate.parse(text).atStartOfDay(zone).toInstant());
				} catch (DateTimeException | ArithmeticException notADate) {
					throw new BadLineException("bad timestamp " + Shown.quoted(text)
							+ ": expected ISO-8601 such as 2026-03-01T10:15:30Z or 2026-03-01");
				}
			}
		}
	}

	record EpochSeconds() implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			return epochMillis(text, parseNumber(text) * 1000);
		}
	}

	record EpochMillis() implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			return epochMillis(text, parseNumber(text));
		}
	}

	/**
	 * A {@code java.time} pattern. A pattern with a date and no time of day (yyyyMMdd) gives
	 * midnight in the zone; one with an offset or zone uses it, else the mapping's zone.
	 */
	record Pattern(String pattern, DateTimeFormatter formatter) implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			TemporalAccessor parsed;
			try {
				parsed = formatter.parse(text);
			} catch (DateTimeException e) {
				throw new BadLineException("bad timestamp " + Shown.quoted(text) + ": it does not match the pattern " + pattern
						+ " of --map time=COLUMN:" + pattern);
			}
			try {
				if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
					return millis(text, Instant.from(parsed));
				}
				LocalDate date = parsed.query(TemporalQueries.localDate());
				if (date == null) {
					throw new BadLineException("bad timestamp " + Shown.quoted(text) + ": the pattern " + pattern
							+ " gives no full date (it needs a year, month and day)");
				}
				LocalTime time = parsed.query(TemporalQueries.localTime());
				ZoneId zone = formatter.getZone() != null ? formatter.getZone() : ZoneOffset.UTC;
				return millis(text, (time == null ? date.atStartOfDay(zone) : date.atTime(time).atZone(zone)).toInstant());
			} catch (DateTimeException | ArithmeticException e) {
				throw new BadLineException("bad timestamp " + Shown.quoted(text) + ": " + e.getMessage());
			}
		}
	}

	/** Epoch milliseconds of an instant, or a bad line when they do not fit in a long. */
	private static long millis(String text, Instant instant) throws BadLineException {
		try {
			return instant.toEpochMilli();
		} catch (ArithmeticException e) {
			throw outOfRange(text);
		}
	}

	private static long epochMillis(String text, double millis) throws BadLineException {
		if (!(Math.abs(millis) < 9.0e18)) {
			throw outOfRange(text);
		}
		return Math.round(millis);
	}

	private static BadLineException outOfRange(String text) {
		return new BadLineException("bad timestamp " + Shown.quoted(text) + ": out of range");
	}

	/**
	 * The common {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} read without java.time (which costs about
	 * a microsecond a line); Long.MIN_VALUE when the text has another shape or impossible values.
	 */
	static long utcFast(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
			return Long.MIN_VALUE;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
				|| hour < 0 || minute < 0 || second < 0) {
			return Long.MIN_VALUE;
		}
		int millis = 0;
		if (length > 20) {
			if (text.charAt(19) != '.' || length == 21) {
				return Long.MIN_VALUE;
			}
			int fractionDigits = length - 21;
			if (fractionDigits > 9 || digits(text, 20, length - 1) < 0) {
				return Long.MIN_VALUE;
			}
			int fraction = digits(text, 20, Math.min(length - 1, 23));
			millis = fractionDigits >= 3 ? fraction : fraction * (fractionDigits == 1 ? 100 : 10);
		}
		if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
			return Long.MIN_VALUE;
		}
		long days = java.time.LocalDate.of(year, month, 1).toEpochDay() + day - 1;
		return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
	}

	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/** The value of 1 to 18 digits and nothing else (a log's usual epoch time, read in one pass), else -1. */
	private static long plainDigits(String text) {
		int length = text.length();
		if (length == 0 || length > 18) {
			return -1;
		}
		long value = 0;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/** Digits with at most one point and an optional leading minus, at least one digit. */
	private static boolean looksNumeric(String text) {
		boolean digit = false;
		boolean point = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digit = true;
			} else if (c == '.' && !point) {
				point = true;
			} else if (!(i == 0 && c == '-')) {
				return false;
			}
		}
		return digit;
	}

	private static double parseNumber(String text) throws BadLineException {
		long plain = plainDigits(text);
		if (plain >= 0) {
			return plain;
		}
		if (looksNumeric(text)) {
			if (text.indexOf('.') < 0 && text.length() < 19) {
				return Long.parseLong(text); // exact below 2^53, which covers every plausible time
			}
			try {
				return Double.parseDouble(text);
			} catch (NumberFormatException e) {
				// falls through to the message below
			}
		}
		throw new BadLineException("bad timestamp " + Shown.quoted(text) + ": expected epoch seconds or milliseconds");
	}
}
