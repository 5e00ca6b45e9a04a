package io.itinera.runtime.feature;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * The bytes {@link DataOutputStream} over a {@link java.io.ByteArrayOutputStream} would write, into
 * one growing array: no lock per byte, no stream objects per customer, texts of plain ASCII copied
 * char by char. Checkpoints encode every changed customer's state and slot with it.
 */
public final class DataBytes implements DataOutput {
	private byte[] bytes;
	private int size;
	/** The chars of the text being written (allocated by the first {@link #writeUTF}). */
	private char[] chars = new char[0];

	public DataBytes(int capacity) {
		bytes = new byte[Math.max(16, capacity)];
	}

	/** Forgets what was written, keeping the arrays: one buffer serves one encoding after another. */
	public DataBytes clear() {
		size = 0;
		return this;
	}

	/** The bytes the array holds now (what it has grown to). */
	public int capacity() {
		return bytes.length;
	}

	public byte[] toByteArray() {
		return Arrays.copyOf(bytes, size);
	}

	/** How many bytes are written. */
	public int size() {
		return size;
	}

	/** Writes {@code v} over the four bytes written at {@code at}, as {@link #writeInt} wrote them (a length known later). */
	public void putInt(int at, int v) {
		if (at < 0 || at + 4 > size) {
			throw new IndexOutOfBoundsException("no four bytes written at " + at + " of " + size);
		}
		for (int shift = 24; shift >= 0; shift -= 8) {
			bytes[at++] = (byte) (v >>> shift);
		}
	}

	private void room(int more) {
		if (size + more > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
		}
	}

	@Override
	public void write(int b) {
		room(1);
		bytes[size++] = (byte) b;
	}

	@Override
	public void write(byte[] b) {
		write(b, 0, b.length);
	}

	@Override
	public void write(byte[] b, int off, int len) {
		room(len);
		System.arraycopy(b, off, bytes, size, len);
		size += len;
	}

	@Override
	public void writeBoolean(boolean v) {
		write(v ? 1 : 0);
	}

	@Override
	public void writeByte(int v) {
		write(v);
	}

	@Override
	public void writeShort(int v) {
		room(2);
		bytes[size++] = (byte) (v >>> 8);
		bytes[size++] = (byte) v;
	}

	@Override
	public void writeChar(int v) {
		writeShort(v);
	}

	@Override
	public void writeInt(int v) {
		room(4);
		for (int shift = 24; shift >= 0; shift -= 8) {
			bytes[size++] = (byte) (v >>> shift);
		}
	}

	@Override
	public void writeLong(long v) {
		room(8);
		for (int shift = 56; shift >= 0; shift -= 8) {
			bytes[size++] = (byte) (v >>> shift);
		}
	}

	@Override
	public void writeFloat(float v) {
		writeInt(Float.floatToIntBits(v));
	}

	@Override
	public void writeDouble(double v) {
		writeLong(Double.doubleToLongBits(v));
	}

	@Override
	public void writeBytes(String s) {
		room(s.length());
		for (int i = 0; i < s.length(); i++) {
			bytes[size++] = (byte) s.charAt(i);
		}
	}

	@Override
	public void writeChars(String s) {
		for (int i = 0; i < s.length(); i++) {
			writeChar(s.charAt(i));
		}
	}

	/** Modified UTF-8 with a 16-bit length, as {@link DataOutputStream#writeUTF}. */
	@Override
	public void writeUTF(String s) throws UTFDataFormatException {
		int count = s.length();
		if (chars.length < count) {
			chars = new char[Math.max(count, Math.max(16, chars.length * 2))];
		}
		// one copy of the chars, then plain array loops: a call per String.charAt costs more under the client compiler
		char[] text = chars;
		s.getChars(0, count, text, 0);
		int length = count;
		for (int i = 0; i < count; i++) {
			char c = text[i];
			if (c >= 0x80 || c == 0) {
				length += c >= 0x800 ? 2 : 1;
			}
		}
		if (length > 0xFFFF) {
			throw new UTFDataFormatException("encoded string too long: " + length + " bytes");
		}
		room(2 + length);
		byte[] out = bytes;
		int at = size;
		out[at++] = (byte) (length >>> 8);
		out[at++] = (byte) length;
		for (int i = 0; i < count; i++) {
			char c = text[i];
			if (c < 0x80 && c != 0) {
				out[at++] = (byte) c;
			} else if (c >= 0x800) {
				out[at++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
				out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			} else {
				out[at++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		size = at;
	}
}
