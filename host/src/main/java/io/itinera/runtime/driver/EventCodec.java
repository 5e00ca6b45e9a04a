package io.itinera.runtime.driver;

import io.itinera.runtime.feature.DataBytes;
import io.itinera.runtime.step.Event;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
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

	public static Event decode(String customerId, byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			return read(customerId, in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
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
