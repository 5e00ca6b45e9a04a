package io.itinera.runtime.io;

import java.util.Map;

/**
 * Reads the common line of a JSON Lines log, one flat object of strings without escapes, numbers,
 * booleans and nulls, straight from its text into the column map, as Jackson would fill it (the
 * text of each value, nulls left out, the first of repeated keys kept), without a parser, a token
 * per value or a new string per key. Anything else (escapes, nested values, control characters,
 * numbers Jackson might read otherwise, text after the object) it declines, and the line goes to
 * Jackson ({@link JsonLinesEventParser}), so both read every line alike, and refuse the same ones.
 */
final class FlatJsonLine {
	private static final int MAX_NUMBER = 100;
	private static final int KEPT_KEYS = 64;

	/** The keys of the lines read so far by position, reused when the next line has the same. */
	private final String[] keys = new String[KEPT_KEYS];

	/**
	 * Puts the line's values into {@code values}; false (with {@code values} in any state) when the
	 * line is not of that simple form.
	 */
	boolean read(String line, Map<String, String> values) {
		int length = line.length();
		int at = spaces(line, 0);
		if (at >= length || line.charAt(at) != '{') {
			return false;
		}
		at = spaces(line, at + 1);
		if (at < length && line.charAt(at) == '}') {
			return spaces(line, at + 1) == length;
		}
		for (int member = 0;; member++) {
			if (at >= length || line.charAt(at) != '"') {
				return false;
			}
			int keyEnd = stringEnd(line, at + 1);
			if (keyEnd < 0) {
				return false;
			}
			String key = key(line, at + 1, keyEnd, member);
			at = spaces(line, keyEnd + 1);
			if (at >= length || line.charAt(at) != ':') {
				return false;
			}
			at = spaces(line, at + 1);
			if (at >= length) {
				return false;
			}
			char first = line.charAt(at);
			int valueEnd;
			String value;
			if (first == '"') {
				valueEnd = stringEnd(line, at + 1);
				if (valueEnd < 0) {
					return false;
				}
				value = line.substring(at + 1, valueEnd);
				valueEnd++;
			} else if (first == '-' || first >= '0' && first <= '9') {
				valueEnd = numberEnd(line, at);
				if (valueEnd < 0) {
					return false;
				}
				value = line.substring(at, valueEnd);
			} else if (line.startsWith("true", at)) {
				valueEnd = at + 4;
				value = "true";
			} else if (line.startsWith("false", at)) {
				valueEnd = at + 5;
				value = "false";
			} else if (line.startsWith("null", at)) {
				valueEnd = at + 4;
				value = null;
			} else {
				return false;
			}
			if (value != null) {
				values.putIfAbsent(key, value);
			}
			at = spaces(line, valueEnd);
			if (at >= length) {
				return false;
			}
			char next = line.charAt(at);
			if (next == '}') {
				return spaces(line, at + 1) == length;
			}
			if (next != ',') {
				return false;
			}
			at = spaces(line, at + 1);
		}
	}

	private String key(String line, int start, int end, int member) {
		if (member < KEPT_KEYS) {
			String kept = keys[member];
			if (kept != null && kept.length() == end - start && line.startsWith(kept, start)) {
				return kept;
			}
			return keys[member] = line.substring(start, end);
		}
		return line.substring(start, end);
	}

	private static int spaces(String line, int at) {
		while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
			at++;
		}
		return at;
	}

	/** The index of the closing quote of a string without escapes or control characters, or -1. */
	private static int stringEnd(String line, int at) {
		for (int i = at; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				return i;
			}
			if (c == '\\' || c < 0x20) {
				return -1;
			}
		}
		return -1;
	}

	/** The end of a number in JSON's own grammar, followed by a space, a comma or the end of the object; or -1. */
	private static int numberEnd(String line, int start) {
		int length = line.length();
		int at = start;
		if (line.charAt(at) == '-') {
			at++;
		}
		if (at >= length) {
			return -1;
		}
		if (line.charAt(at) == '0') {
			at++;
		} else {
			int digits = digits(line, at);
			if (digits == at) {
				return -1;
			}
			at = digits;
		}
		if (at < length && line.charAt(at) == '.') {
			int digits = digits(line, at + 1);
			if (digits == at + 1) {
				return -1;
			}
			at = digits;
		}
		if (at < length && (line.charAt(at) == 'e' || line.charAt(at) == 'E')) {
			at++;
			if (at < length && (line.charAt(at) == '+' || line.charAt(at) == '-')) {
				at++;
			}
			int digits = digits(line, at);
			if (digits == at) {
				return -1;
			}
			at = digits;
		}
		if (at - start > MAX_NUMBER || at >= length) {
			return -1;
		}
		char next = line.charAt(at);
		return next == ',' || next == '}' || next == ' ' || next == '\t' ? at : -1;
	}

	private static int digits(String line, int at) {
		while (at < line.length() && line.charAt(at) >= '0' && line.charAt(at) <= '9') {
			at++;
		}
		return at;
	}
}
