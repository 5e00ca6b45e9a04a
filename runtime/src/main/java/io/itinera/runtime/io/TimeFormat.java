package io.itinera.runtime.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * How a timestamp column is written. {@code auto} accepts ISO-8601 (with or without offset; local
 * date-times are read in the given zone) and epoch numbers (seconds below 10^11, milliseconds
 * above); the others accept only their own form.
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
				return Math.abs(number) < 1e11 ? Math.round(number * 1000) : Math.round(number);
			}
			return new Iso(zone).parse(text);
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
					return Instant.parse(text).toEpochMilli();
				}
				TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
						LocalDateTime::from);
				if (parsed instanceof OffsetDateTime offset) {
					return offset.toInstant().toEpochMilli();
				}
				return ((LocalDateTime) parsed).atZone(zone).toInstant().toEpochMilli();
			} catch (DateTimeException e) {
				try {
					return LocalDate.parse(text).atStartOfDay(zone).toInstant().toEpochMilli();
				} catch (DateTimeException notADate) {
					throw new BadLineException("bad timestamp '" + text + "': expected ISO-8601 such as 2026-03-01T10:15:30Z");
				}
			}
		}
	}

	record EpochSeconds() implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			return Math.round(parseNumber(text) * 1000);
		}
	}

	record EpochMillis() implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			return Math.round(parseNumber(text));
		}
	}

	record Pattern(String pattern, DateTimeFormatter formatter) implements TimeFormat {
		@Override
		public long parse(String text) throws BadLineException {
			try {
				TemporalAccessor parsed = formatter.parse(text);
				return Instant.from(parsed).toEpochMilli();
			} catch (DateTimeException e) {
				try {
					return LocalDateTime.from(formatter.parse(text)).atZone(formatter.getZone()).toInstant().toEpochMilli();
				} catch (DateTimeException notLocal) {
					throw new BadLineException("bad timestamp '" + text + "': expected the pattern " + pattern);
				}
			}
		}
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

	private static boolean looksNumeric(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(c >= '0' && c <= '9') && c != '.' && !(i == 0 && c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static double parseNumber(String text) throws BadLineException {
		if (looksNumeric(text)) {
			if (text.indexOf('.') < 0 && text.length() < 19) {
				return Long.parseLong(text);
			}
			try {
				return Double.parseDouble(text);
			} catch (NumberFormatException e) {
				// falls through to the message below
			}
		}
		throw new BadLineException("bad timestamp '" + text + "': expected epoch seconds or milliseconds");
	}
}
