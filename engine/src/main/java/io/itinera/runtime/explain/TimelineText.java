package io.itinera.runtime.explain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** A timeline entry as one line of text: UTC time, kind, what, why and the values, e.g. {@code 2011-01-26 14:29:59  stage  FirstOrder -> Repeat  on order}. */
public final class TimelineText {
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
			.withZone(ZoneOffset.UTC);

	private TimelineText() {
	}

	/** {@code withJourney}: name the journey at the end of the line (a timeline across several journeys). */
	public static String line(TimelineEntry entry, boolean withJourney) {
		StringBuilder line = new StringBuilder();
		line.append(time(entry.at())).append("  ").append(String.format(Locale.ROOT, "%-8s", entry.kind())).append(' ')
				.append(entry.what());
		if (entry.why() != null && !entry.why().isEmpty()) {
			line.append("  ").append(entry.why());
		}
		String values = values(entry.values());
		if (!values.isEmpty()) {
			line.append(entry.kind().equals("rule") || entry.kind().equals("stage") ? ": " : "  ").append(values);
		}
		if (withJourney && entry.journey() != null) {
			line.append("   (journey ").append(entry.journey()).append(')');
		}
		return line.toString();
	}

	public static String time(long at) {
		return TIME.format(Instant.ofEpochMilli(at));
	}

	static String values(Map<String, Object> values) {
		StringBuilder text = new StringBuilder();
		values.forEach((name, value) -> {
			if (text.length() > 0) {
				text.append(' ');
			}
			text.append(name).append('=').append(value(value));
		});
		return text.toString();
	}

	/** Numbers as short as they can be without losing what a condition compared: whole numbers without ".0", others to 4 decimals. */
	public static String value(Object value) {
		if (value == null) {
			return "none";
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			if (Double.isNaN(d)) {
				return "none";
			}
			if (d == Math.rint(d) && Math.abs(d) < 1e15) {
				return Long.toString((long) d);
			}
			String text = String.format(Locale.ROOT, "%.4f", d);
			return text.replaceAll("0+$", "").replaceAll("\\.$", "");
		}
		return value.toString();
	}
}
