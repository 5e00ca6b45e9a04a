package io.itinera.runtime.io;

/**
 * One JSON object written as text, byte for byte as Jackson's default generator writes it (the
 * form the output files have always had): {@code "}, {@code \} and control characters escaped
 * (short forms {@code \b \t \n \f \r}, else {@code \}{@code u00XX}), everything else as is; a
 * non-finite double as a quoted string. Built without a generator, a writer or a copy per field:
 * a run writes a line for every action and stage change.
 */
final class JsonObjectText {
	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final StringBuilder text = new StringBuilder(256).append('{');
	private boolean first = true;
	private char[] chars = new char[32];

	JsonObjectText string(String field, String value) {
		name(field);
		if (value == null) {
			text.append("null");
		} else {
			quoted(value);
		}
		return this;
	}

	/** A time as {@link java.time.Instant#toString()} writes it. */
	JsonObjectText time(String field, long epochMillis) {
		name(field);
		text.append('"');
		IsoInstant.append(text, epochMillis);
		text.append('"');
		return this;
	}

	JsonObjectText number(String field, long value) {
		name(field);
		text.append(value);
		return this;
	}

	JsonObjectText number(String field, Double value) {
		name(field);
		if (value == null) {
			text.append("null");
		} else if (Double.isFinite(value)) {
			text.append(Double.toString(value));
		} else {
			quoted(Double.toString(value));
		}
		return this;
	}

	JsonObjectText startObject(String field) {
		name(field);
		text.append('{');
		first = true;
		return this;
	}

	JsonObjectText endObject() {
		text.append('}');
		first = false;
		return this;
	}

	@Override
	public String toString() {
		return text.append('}').toString();
	}

	private void name(String field) {
		if (!first) {
			text.append(',');
		}
		first = false;
		quoted(field);
		text.append(':');
	}

	private void quoted(String value) {
		text.append('"');
		int length = value.length();
		if (chars.length < length) {
			chars = new char[Math.max(length, chars.length * 2)];
		}
		// one copy of the chars, then a plain array loop: a call per String.charAt costs more under the client compiler
		value.getChars(0, length, chars, 0);
		int plainFrom = 0;
		for (int i = 0; i < length; i++) {
			char c = chars[i];
			if (c < 0x20 || c == '"' || c == '\\') {
				text.append(value, plainFrom, i);
				escape(c);
				plainFrom = i + 1;
			}
		}
		if (plainFrom == 0) {
			// the common case: one copy of the whole text, not a char at a time
			text.append(value).append('"');
		} else {
			text.append(value, plainFrom, value.length()).append('"');
		}
	}

	private void escape(char c) {
		switch (c) {
			case '"' -> text.append("\\\"");
			case '\\' -> text.append("\\\\");
			case '\b' -> text.append("\\b");
			case '\t' -> text.append("\\t");
			case '\n' -> text.append("\\n");
			case '\f' -> text.append("\\f");
			case '\r' -> text.append("\\r");
			default -> text.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
		}
	}
}
