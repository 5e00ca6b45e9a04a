package io.itinera.runtime.driver;

import io.itinera.runtime.feature.DataBytes;
import io.itinera.runtime.step.Event;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as bytes without its customer id (the key it is stored or sent under): type, time and
 * typed fields. {@link SlotCodec} writes held events with it; hosts that ship events between
 * processes (the Flink job) send them in this form.
 */
public final class EventCodec {
	private EventCodec() {
	}

	public static byte[] encode(Event event) {
		DataBytes out = new DataBytes(64);
		try {
			write(out, event);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** What {@link #encode} wrote, read straight from the array (a host decodes one per event it receives). */
	public static Event decode(String customerId, byte[] bytes) {
		try {
			ArrayReader in = new ArrayReader(bytes);
			String type = in.text();
			long at = in.whole();
			int count = in.unsignedShort();
			@SuppressWarnings("unchecked")
			Map.Entry<String, Object>[] fields = new Map.Entry[count];
			for (int i = 0; i < count; i++) {
				fields[i] = Map.entry(in.text(), in.value());
			}
			return new Event(customerId, at, type, Map.ofEntries(fields));
		} catch (IOException | IndexOutOfBoundsException e) {
			throw new UncheckedIOException(e instanceof IOException io ? io : new IOException("event bytes cut short", e));
		}
	}

	/** {@link DataInputStream}'s reading of {@link #write}'s bytes, without a stream (and its locks) per value. */
	private static final class ArrayReader {
		private final byte[] bytes;
		private int at;

		ArrayReader(byte[] bytes) {
			this.bytes = bytes;
		}

		int unsignedShort() {
			int value = (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
			at += 2;
			return value;
		}

		long whole() {
			long value = 0;
			for (int i = 0; i < 8; i++) {
				value = value << 8 | bytes[at + i] & 0xff;
			}
			at += 8;
			return value;
		}

		/** Modified UTF-8 behind a 16-bit length; ASCII (the usual case) is copied as it is. */
		String text() throws IOException {
			int length = unsignedShort();
			int start = at;
			at += length;
			for (int i = start; i < at; i++) {
				if (bytes[i] < 0) {
					return DataInputStream.readUTF(new DataInputStream(new ByteArrayInputStream(bytes, start - 2, length + 2)));
				}
			}
			return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
		}

		Object value() throws IOException {
			int kind = bytes[at++];
			return switch (kind) {
			case 'D' -> Double.longBitsToDouble(whole());
			case 'L' -> whole();
			case 'B' -> bytes[at++] != 0;
			default -> text();
			};
		}
	}

	static void write(DataOutput out, Event event) throws IOException {
		out.writeUTF(event.type());
		out.writeLong(event.at());
		out.writeShort(event.fields().size());
		for (Map.Entry<String, Object> field : event.fields().entrySet()) {
			out.writeUTF(field.getKey());
			writeValue(out, field.getValue(), Texts.SHORT);
		}
	}

	/** How a format writes its texts; {@link #SHORT}, modified UTF-8 with a 16-bit length, is this codec's. */
	public interface Texts {
		Texts SHORT = new Texts() {
			@Override
			public void write(DataOutput out, String text) throws IOException {
				out.writeUTF(text);
			}

			@Override
			public String read(DataInputStream in) throws IOException {
				return in.readUTF();
			}
		};

		void write(DataOutput out, String text) throws IOException;

		String read(DataInputStream in) throws IOException;
	}

	/** A field's value, tagged by its type (a number, a whole number, a flag, else text). */
	public static void writeValue(DataOutput out, Object value, Texts texts) throws IOException {
		if (value instanceof Double d) {
			out.writeByte('D');
			out.writeDouble(d);
		} else if (value instanceof Long l) {
			out.writeByte('L');
			out.writeLong(l);
		} else if (value instanceof Boolean b) {
			out.writeByte('B');
			out.writeBoolean(b);
		} else {
			out.writeByte('S');
			texts.write(out, String.valueOf(value));
		}
	}

	/** A value {@link #writeValue} wrote. */
	public static Object readValue(DataInputStream in, Texts texts) throws IOException {
		int kind = in.readByte();
		return switch (kind) {
		case 'D' -> in.readDouble();
		case 'L' -> in.readLong();
		case 'B' -> in.readBoolean();
		default -> texts.read(in);
		};
	}

	static Event read(String customerId, DataInputStream in) throws IOException {
		String type = in.readUTF();
		long at = in.readLong();
		int count = in.readUnsignedShort();
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			String name = in.readUTF();
			fields.put(name, readValue(in, Texts.SHORT));
		}
		return new Event(customerId, at, type, fields);
	}
}
