package io.itinera.runtime.driver;

import io.itinera.runtime.step.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			write(out, event);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	public static Event decode(String customerId, byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			return read(customerId, in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static void write(DataOutputStream out, Event event) throws IOException {
		out.writeUTF(event.type());
		out.writeLong(event.at());
		out.writeShort(event.fields().size());
		for (Map.Entry<String, Object> field : event.fields().entrySet()) {
			out.writeUTF(field.getKey());
			Object value = field.getValue();
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
				out.writeUTF(String.valueOf(value));
			}
		}
	}

	static Event read(String customerId, DataInputStream in) throws IOException {
		String type = in.readUTF();
		long at = in.readLong();
		int count = in.readUnsignedShort();
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			String name = in.readUTF();
			int kind = in.readByte();
			fields.put(name, switch (kind) {
			case 'D' -> in.readDouble();
			case 'L' -> in.readLong();
			case 'B' -> in.readBoolean();
			default -> in.readUTF();
			});
		}
		return new Event(customerId, at, type, fields);
	}
}
