package io.itinera.runtime.text;

/**
 * Text from a log as it may be shown in a message or a reason: cut to a length, with control
 * characters and broken characters written as escapes, so a 5 MB header or a binary file never
 * floods a terminal.
 */
public final class Shown {
	/** The most characters of log text a message shows. */
	public static final int MAX = 200;
	/** The most characters of one cell a dead-letter reason quotes. */
	public static final int CELL = 80;

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
			if (c < 0x20 || c == 0x7f || c == '\uFFFD' || c == '\uFEFF' || loneSurrogate(text, i)) {
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

	/** The characters a message keeps of a token, or of a word longer than {@link #LONG_WORD}. */
	public static final int TOKEN = 40;
	/** A word longer than this in a message is cut to {@link #TOKEN} characters. */
	static final int LONG_WORD = 80;

	/**
	 * A message that quotes what it was given ({@code Unknown stage '…'}) as one line: control characters
	 * (a newline too) escaped, and each word longer than {@link #LONG_WORD} characters (a name or token
	 * pasted by mistake) cut to its first {@link #TOKEN}, an ellipsis and its closing punctuation (quotes, stops, brackets).
	 */
	/** A token or name from a file as a message quotes it: control characters escaped, cut to {@link #TOKEN} and "…". */
	public static String token(String text) {
		String escaped = cut(text, Integer.MAX_VALUE);
		if (escaped.length() <= TOKEN) {
			return escaped;
		}
		int kept = Character.isHighSurrogate(escaped.charAt(TOKEN - 1)) ? TOKEN - 1 : TOKEN;
		return escaped.substring(0, kept) + "…";
	}

	public static String message(String message) {
		String escaped = cut(message, Integer.MAX_VALUE);
		StringBuilder shown = new StringBuilder(Math.min(escaped.length(), 400));
		int at = 0;
		while (at < escaped.length()) {
			int end = at;
			while (end < escaped.length() && !Character.isWhitespace(escaped.charAt(end))) {
				end++;
			}
			if (end - at > LONG_WORD) {
				int closing = end;
				while (closing > end - 3 && isClosing(escaped.charAt(closing - 1))) {
					closing--;
				}
				shown.append(token(escaped.substring(at, closing))).append(escaped, closing, end);
			} else {
				shown.append(escaped, at, end);
			}
			if (end < escaped.length()) {
				shown.append(escaped.charAt(end));
			}
			at = end + 1;
		}
		return shown.toString();
	}

	private static boolean isClosing(char c) {
		return c < 0x80 && !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
	}

	/** A surrogate without its pair: it cannot be printed, so it is written as an escape. */
	private static boolean loneSurrogate(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
		}
		return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
	}

	/** A cell's text in single quotes, cut to {@link #CELL} characters. */
	public static String quoted(String text) {
		return "'" + cut(text, CELL) + "'";
	}

	/** Whether a line looks like binary data rather than text: it has a NUL or many other control characters. */
	public static boolean looksBinary(String text) {
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
