package io.itinera.runtime.scoring;

import java.nio.charset.StandardCharsets;

/**
 * Reads one protobuf message in the wire format (varints, fixed 32/64-bit values and
 * length-delimited fields), field by field, without generated classes. Enough to pick a few
 * fields out of an ONNX file; every length is checked against the message's end, so a cut or
 * foreign file fails with {@link MalformedException} instead of reading past it.
 */
final class ProtoWireReader {
	static final int VARINT = 0;
	static final int FIXED64 = 1;
	static final int LENGTH_DELIMITED = 2;
	static final int FIXED32 = 5;

	/** The bytes are not a well-formed protobuf message. */
	static final class MalformedException extends Exception {
		MalformedException(String message) {
			super(message);
		}
	}

	private final byte[] bytes;
	private final int end;
	private int position;
	private int wireType = -1;

	ProtoWireReader(byte[] bytes) {
		this(bytes, 0, bytes.length);
	}

	private ProtoWireReader(byte[] bytes, int start, int end) {
		this.bytes = bytes;
		this.position = start;
		this.end = end;
	}

	/** The next field's number, or 0 at the end of the message; read or {@link #skip()} its value next. */
	int nextField() throws MalformedException {
		if (position >= end) {
			return 0;
		}
		int at = position;
		long tag = readRawVarint();
		int field = (int) (tag >>> 3);
		wireType = (int) (tag & 7);
		if (field <= 0 || tag >>> 3 > 0x1FFFFFFFL) {
			throw new MalformedException("field number " + (tag >>> 3) + " at byte " + at);
		}
		if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
			throw new MalformedException("unknown wire type " + wireType + " at byte " + at);
		}
		return field;
	}

	long readVarint() throws MalformedException {
		expect(VARINT);
		return readRawVarint();
	}

	String readString() throws MalformedException {
		int length = readLength();
		String text = new String(bytes, position, length, StandardCharsets.UTF_8);
		position += length;
		return text;
	}

	/** The current length-delimited field as a message of its own. */
	ProtoWireReader readMessage() throws MalformedException {
		int length = readLength();
		ProtoWireReader message = new ProtoWireReader(bytes, position, position + length);
		position += length;
		return message;
	}

	void skip() throws MalformedException {
		switch (wireType) {
			case VARINT -> readRawVarint();
			case FIXED64 -> advance(8);
			case FIXED32 -> advance(4);
			case LENGTH_DELIMITED -> advance(readLength());
			default -> throw new IllegalStateException("skip() before nextField()");
		}
	}

	private int readLength() throws MalformedException {
		expect(LENGTH_DELIMITED);
		int at = position;
		long length = readRawVarint();
		if (length < 0 || length > end - position) {
			throw new MalformedException("a field at byte " + at + " says it is " + length + " bytes long, "
					+ "but only " + (end - position) + " are left");
		}
		return (int) length;
	}

	private void advance(int count) throws MalformedException {
		if (count > end - position) {
			throw new MalformedException("the data ends at byte " + end + ", inside a value at byte " + position);
		}
		position += count;
	}

	private void expect(int type) throws MalformedException {
		if (wireType != type) {
			throw new MalformedException("wire type " + wireType + " where " + type + " was expected, before byte "
					+ position);
		}
	}

	private long readRawVarint() throws MalformedException {
		long value = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			if (position >= end) {
				throw new MalformedException("the data ends at byte " + end + ", inside a number");
			}
			byte next = bytes[position++];
			value |= (long) (next & 0x7F) << shift;
			if (next >= 0) {
				return value;
			}
		}
		throw new MalformedException("a number longer than ten bytes before byte " + position);
	}
}
