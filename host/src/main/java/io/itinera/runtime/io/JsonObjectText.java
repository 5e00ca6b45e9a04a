package io.itinera.runtime.io;

import java.nio.charset.StandardCharsets;

/**
 * One JSON object written as UTF-8 bytes, byte for byte as Jackson's default generator writes it
 * (the form the output files have always had): {@code "}, {@code \} and control characters escaped
 * (short forms {@code \b \t \n \f \r}, else {@code \}{@code u00XX}), everything else as is (a lone
 * surrogate as {@code ?}, as {@code String.getBytes(UTF_8)} writes it); a non-finite double as a
 * quoted string. Built without a generator, a writer or a copy per field, straight into the bytes a
 * file gets ({@link #bytes()}; {@link #reset()} reuses it): a run writes a line for every action and
 * stage change.
 */
final class JsonObjectText {
	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
	private static final byte[] NULL = {'n', 'u', 'l', 'l'};

	private byte[] bytes = new byte[256];
	private int length;
	private boolean first;
	private boolean ended;
	private char[] chars = new char[32];

	JsonObjectText() {
		reset();
	}

	/** Starts a new object in the same buffer. */
	JsonObjectText reset() {
		length = 0;
		first = true;
		ended = false;
		put((byte) '{');
		return this;
	}

	JsonObjectText string(String field, String value) {
		name(field);
		if (value == null) {
			put(NULL);
		} else {
			quoted(value);
		}
		return this;
	}

	/** A time as {@link java.time.Instant#toString()} writes it. */
	JsonObjectText time(String field, long epochMillis) {
		name(field);
		room(IsoInstant.MAX_LENGTH + 2);
		bytes[length++] = '"';
		length = IsoInstant.write(bytes, length, epochMillis);
		bytes[length++] = '"';
		return this;
	}

	JsonObjectText number(String field, long value) {
		name(field);
		if (value == Long.MIN_VALUE) {
			ascii(Long.toString(value));
			return this;
		}
		room(20);
		if (value < 0) {
			bytes[length++] = '-';
			value = -value;
		}
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		for (int i = length + digits - 1; i >= length; i--) {
			bytes[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		length += digits;
		return this;
	}

	JsonObjectText number(String field, Double value) {
		name(field);
		if (value == null) {
			put(NULL);
		} else if (Double.isFinite(value)) {
			ascii(Double.toString(value));
		} else {
			quoted(Double.toString(value));
		}
		return this;
	}

	JsonObjectText startObject(String field) {
		name(field);
		put((byte) '{');
		first = true;
		return this;
	}

	JsonObjectText endObject() {
		put((byte) '}');
		first = false;
		return this;
	}

	/** The object's UTF-8 bytes, its closing brace included, up to {@link #length()}. */
	byte[] bytes() {
		end();
		return bytes;
	}

	int length() {
		end();
		return length;
	}

	@Override
	public String toString() {
		end();
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	private void end() {
		if (!ended) {
			put((byte) '}');
			ended = true;
		}
	}

	private void name(String field) {
		if (!first) {
			put((byte) ',');
		}
		first = false;
		quoted(field);
		put((byte) ':');
	}

	private void quoted(String value) {
		int count = value.length();
		if (chars.length < count) {
			chars = new char[Math.max(count, chars.length * 2)];
		}
		// one copy of the chars, then a plain array loop: a call per String.charAt costs more under the client compiler
		value.getChars(0, count, chars, 0);
		room(count + 2);
		byte[] out = bytes;
		int at = length;
		out[at++] = '"';
		int i = 0;
		while (i < count) {
			char c = chars[i];
			if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
				out[at++] = (byte) c;
				i++;
				continue;
			}
			length = at;
			i = special(i, count);
			room(count - i + 1);
			out = bytes;
			at = length;
		}
		out[at++] = '"';
		length = at;
	}

	/** Writes {@code chars[i]}, which is escaped or not ASCII; returns the index of the next char. */
	private int special(int i, int count) {
		char c = chars[i];
		room(12);
		if (c < 0x80) {
			escape(c);
		} else if (c < 0x800) {
			bytes[length++] = (byte) (0xC0 | c >> 6);
			bytes[length++] = (byte) (0x80 | c & 0x3F);
		} else if (!Character.isSurrogate(c)) {
			bytes[length++] = (byte) (0xE0 | c >> 12);
			bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
			bytes[length++] = (byte) (0x80 | c & 0x3F);
		} else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(chars[i + 1])) {
			int code = Character.toCodePoint(c, chars[i + 1]);
			bytes[length++] = (byte) (0xF0 | code >> 18);
			bytes[length++] = (byte) (0x80 | code >> 12 & 0x3F);
			bytes[length++] = (byte) (0x80 | code >> 6 & 0x3F);
			bytes[length++] = (byte) (0x80 | code & 0x3F);
			return i + 2;
		} else {
			bytes[length++] = '?';
		}
		return i + 1;
	}

	private void escape(char c) {
		bytes[length++] = '\\';
		switch (c) {
			case '"' -> bytes[length++] = '"';
			case '\\' -> bytes[length++] = '\\';
			case '\b' -> bytes[length++] = 'b';
			case '\t' -> bytes[length++] = 't';
			case '\n' -> bytes[length++] = 'n';
			case '\f' -> bytes[length++] = 'f';
			case '\r' -> bytes[length++] = 'r';
			default -> {
				bytes[length++] = 'u';
				bytes[length++] = '0';
				bytes[length++] = '0';
				bytes[length++] = HEX[c >> 4];
				bytes[length++] = HEX[c & 0xF];
			}
		}
	}

	/** Text known to be ASCII without anything to escape (numbers). */
	private void ascii(String text) {
		int count = text.length();
		room(count);
		for (int i = 0; i < count; i++) {
			bytes[length++] = (byte) text.charAt(i);
		}
	}

	private void put(byte b) {
		room(1);
		bytes[length++] = b;
	}

	private void put(byte[] text) {
		room(text.length);
		System.arraycopy(text, 0, bytes, length, text.length);
		length += text.length;
	}

	private void room(int more) {
		if (length + more > bytes.length) {
			bytes = java.util.Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
		}
	}
}
