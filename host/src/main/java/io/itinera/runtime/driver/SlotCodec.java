package io.itinera.runtime.driver;

import io.itinera.runtime.feature.DataBytes;
import io.itinera.runtime.step.CustomerState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A customer's slot as bytes, for the state store: the journey state in {@link CustomerState}'s
 * own codec, the customer's clocks, pending timers and held events. Versioned; other versions are
 * refused.
 */
public final class SlotCodec {
	private static final int VERSION = 1;

	private SlotCodec() {
	}

	/** Each thread's buffer: a checkpoint encodes customer after customer; only the exact bytes are copied out. */
	private static final ThreadLocal<DataBytes> BUFFERS = ThreadLocal.withInitial(() -> new DataBytes(1024));
	/** A buffer grown beyond this (a customer of a big state) is not kept. */
	private static final int KEPT_CAPACITY = 1 << 20;

	public static byte[] encode(CustomerSlot slot) {
		DataBytes out = BUFFERS.get().clear();
		try {
			out.writeByte(VERSION);
			// the state's length, known once it is written
			out.writeInt(0);
			slot.state.writeTo(out);
			out.putInt(1, out.size() - 5);
			out.writeLong(slot.clock);
			out.writeLong(slot.latestSeen);
			out.writeShort(slot.timerCount);
			for (int i = 0; i < slot.timerCount; i++) {
				out.writeUTF(slot.timerIds[i]);
				out.writeLong(slot.timerDue[i]);
			}
			out.writeShort(slot.heldCount);
			for (int i = 0; i < slot.heldCount; i++) {
				out.writeLong(slot.heldLine(i));
				EventCodec.write(out, slot.heldEvents[i]);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (out.capacity() > KEPT_CAPACITY) {
			BUFFERS.remove();
		}
		return out.toByteArray();
	}

	public static CustomerSlot decode(String customerId, byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int version = in.readByte();
			if (version != VERSION) {
				throw new IllegalStateException("customer record version " + version + " is not supported; start over with an empty --state directory");
			}
			byte[] state = new byte[in.readInt()];
			in.readFully(state);
			CustomerSlot slot = new CustomerSlot(customerId, CustomerState.fromBytes(state));
			slot.mayBeIndexedPending = true;
			slot.clock = in.readLong();
			slot.latestSeen = in.readLong();
			int timers = in.readUnsignedShort();
			for (int i = 0; i < timers; i++) {
				slot.setTimer(in.readUTF(), in.readLong());
			}
			int held = in.readUnsignedShort();
			for (int i = 0; i < held; i++) {
				long line = in.readLong();
				slot.hold(EventCodec.read(customerId, in), line);
			}
			return slot;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Whether the end of a replay at {@code end} has something to do for this customer (a held event,
	 * or a timer due by then), read from the bytes without decoding the journey state: the end of a
	 * replay over millions of stored customers decodes only those.
	 */
	public static boolean hasWorkDueBy(byte[] bytes, long end) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			if (in.readByte() != VERSION) {
				return true; // decode says what is wrong
			}
			in.skipNBytes(in.readInt() + 16L);
			int timers = in.readUnsignedShort();
			for (int i = 0; i < timers; i++) {
				in.skipNBytes(in.readUnsignedShort());
				if (in.readLong() <= end) {
					return true;
				}
			}
			return in.readUnsignedShort() > 0;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The journey state alone, without decoding the rest. */
	public static CustomerState state(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			in.readByte();
			byte[] state = new byte[in.readInt()];
			in.readFully(state);
			return CustomerState.fromBytes(state);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
