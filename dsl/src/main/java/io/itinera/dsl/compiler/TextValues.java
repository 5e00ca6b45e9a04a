package io.itinera.dsl.compiler;

/** Turns the text of terminals the grammar leaves raw (times of day, triple-quoted blocks) into values. */
final class TextValues {
	private TextValues() {
	}

	/** Minutes since midnight of "HH:MM", or null when it is no valid time of day. */
	/** "2024-3-1" or "2024-03-01" as ISO yyyy-MM-dd; null when it is no date. */
	static String isoDate(String text) {
		if (text == null) {
			return null;
		}
		String[] parts = text.trim().split("\\s*-\\s*");
		if (parts.length != 3) {
			return null;
		}
		try {
			return java.time.LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]))
					.toString();
		} catch (RuntimeException e) {
			return null;
		}
	}

	static Integer minuteOfDay(String text) {
		if (text == null) {
			return null;
		}
		String[] parts = text.trim().split("\\s*:\\s*");
		if (parts.length != 2) {
			return null;
		}
		try {
			int hours = Integer.parseInt(parts[0]);
			int minutes = Integer.parseInt(parts[1]);
			if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
				return null;
			}
			return hours * 60 + minutes;
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** The content of a {@code """…"""} block without its delimiters. */
	static String tripleQuoted(String text) {
		if (text == null) {
			return null;
		}
		if (text.startsWith("\"\"\"") && text.endsWith("\"\"\"") && text.length() >= 6) {
			return text.substring(3, text.length() - 3);
		}
		return text;
	}
}
