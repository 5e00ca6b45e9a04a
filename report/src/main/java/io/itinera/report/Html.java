package io.itinera.report;

import java.util.Locale;

/** Escaping and number formats for the HTML report. */
final class Html {
	private Html() {
	}

	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '<' -> out.append("&lt;");
			case '>' -> out.append("&gt;");
			case '&' -> out.append("&amp;");
			case '"' -> out.append("&quot;");
			case '\'' -> out.append("&#39;");
			default -> out.append(c);
			}
		}
		return out.toString();
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.format(Locale.ROOT, "%,d", (long) value);
		}
		return String.format(Locale.ROOT, "%,.2f", value);
	}

	static String percent(double share) {
		return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
	}

	/** Money with two decimals ("1,234.50"); the report does not know the currency. */
	static String money(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.2f", value);
	}

	/** A signed amount of money with two decimals ("+3.25"). */
	static String signedMoney(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+,.2f", value);
	}

	/** A length of time a reader takes in at a glance: "45 min", "7.5 h", "12.3 d". */
	static String duration(double millis) {
		if (Double.isNaN(millis)) {
			return "–";
		}
		double hours = millis / 3_600_000;
		if (hours < 1) {
			return String.format(Locale.ROOT, "%.0f min", millis / 60_000);
		}
		if (hours < 48) {
			return String.format(Locale.ROOT, "%.1f h", hours);
		}
		return String.format(Locale.ROOT, "%.1f d", hours / 24);
	}

	/** An ISO instant as "2026-03-02 08:00 UTC" (seconds only when not zero); "–" for none. */
	static String dateTime(String isoInstant) {
		if (isoInstant == null) {
			return "–";
		}
		java.time.LocalDateTime utc = java.time.LocalDateTime.ofInstant(java.time.Instant.parse(isoInstant),
				java.time.ZoneOffset.UTC);
		String pattern = utc.getSecond() == 0 && utc.getNano() == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss";
		return utc.format(java.time.format.DateTimeFormatter.ofPattern(pattern, Locale.ROOT)) + " UTC";
	}

	static String points(double difference) {
		return Double.isNaN(difference) ? "–" : String.format(Locale.ROOT, "%+.2f pp", difference * 100);
	}
}
