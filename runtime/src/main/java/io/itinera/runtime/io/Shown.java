package io.itinera.runtime.io;

/**
 * Text from a log as it may be shown in a message or a reason: cut to a length, with control
 * characters and broken characters written as escapes, so a 5 MB header or a binary file never
 * floods a terminal.
 */
public final class Shown {
	/** The most characters of log text a message shows. */
	public static final int MAX = 200;
	/** The most characters of one cell a dead-letter reason quotes. */
	static final int CELL = 80;

	private Shown() {
	}

	/** {@code text} cut to {@code max} characters (with a note of its full length), control characters escaped. */
	public static String cut(String text, int max) {
		if (text == null) {
			return "null";
		}
		StringBuilder shown = new StringBuilder(Math.min(text.length(), max) + 16);
		int i = 0;
		for (; i < text.length() && shown.length() < max; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\uFFFD' || c == '\uFEFF') {
				shown.append(String.format("\\u%04x", (int) c));
			} else {
				shown.append(c);
			}
		}
		if (i < text.length()) {
			shown.append("… (").append(text.length()).append(" characters)");
		}
		return shown.toString();
	}

	public static String cut(String text) {
		return cut(text, MAX);
	}

	/** A cell's text in single quotes, cut to {@link #CELL} characters. */
	public static String quoted(String text) {
		return "'" + cut(text, CELL) + "'";
	}

	/** Whether a line looks like binary data rather than text: it has a NUL or many other control characters. */
	static boolean looksBinary(String text) {
		int controls = 0;
		int n = Math.min(text.length(), 4096);
		for (int i = 0; i < n; i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return true;
			}
			if (c < 0x20 && c != '\t' || c == '\uFFFD') {
				controls++;
			}
		}
		return n > 0 && controls * 10 > n;
	}
}
