package io.itinera.runtime.step;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's consent per subscription topic and channel: the last thing they said (subscribed or
 * not), when, and how ({@code unsubscribe event}, {@code one-click link}, {@code profile import}, …).
 * A topic they never said anything about has no entry: its kind decides ({@link ConsentPolicy}).
 * Kept in the customer's state under {@link #KEY}: a journey's own state when it runs alone, the
 * composite's (shared by every journey) in a workspace. Mapped events, the unsubscribe link and
 * profile import all change it through {@link #read}, {@link #set} and {@link #storeIn}.
 */
public final class Consents {
	public static final String KEY = "itinera.consents";
	private static final int VERSION = 1;

	/** What the customer last said about one topic on one channel. */
	public record Consent(boolean subscribed, long at, String how) {
	}

	private final TreeMap<String, Consent> byTopic = new TreeMap<>();

	private Consents() {
	}

	/** The consents kept in {@code state} (none yet: empty). */
	public static Consents of(CustomerState state) {
		return read(state.extension(KEY));
	}

	public static Consents read(byte[] bytes) {
		Consents consents = new Consents();
		if (bytes == null) {
			return consents;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int version = in.readUnsignedByte();
			if (version != VERSION) {
				throw new IllegalArgumentException("the customer's consents are of version " + version + "; this build reads "
						+ VERSION);
			}
			int count = in.readUnsignedShort();
			for (int i = 0; i < count; i++) {
				String key = in.readUTF();
				consents.byTopic.put(key, new Consent(in.readBoolean(), in.readLong(), in.readUTF()));
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("the customer's consents are corrupt", e);
		}
		return consents;
	}

	public byte[] write() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeShort(byTopic.size());
			for (Map.Entry<String, Consent> entry : byTopic.entrySet()) {
				out.writeUTF(entry.getKey());
				out.writeBoolean(entry.getValue().subscribed());
				out.writeLong(entry.getValue().at());
				out.writeUTF(entry.getValue().how());
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** Puts these consents back into {@code state} (none: the extension removed). */
	public void storeIn(CustomerState state) {
		state.putExtension(KEY, byTopic.isEmpty() ? null : write());
	}

	/** What the customer said about {@code topic} on {@code channel} (lower case), or null. */
	public Consent get(String topic, String channel) {
		return byTopic.get(key(topic, channel));
	}

	/** Records a change; an earlier change than the one kept is ignored (false), as is a repeat of the same. */
	public boolean set(String topic, String channel, boolean subscribed, long at, String how) {
		String key = key(topic, channel);
		Consent kept = byTopic.get(key);
		if (kept != null && (kept.at() > at || kept.subscribed() == subscribed)) {
			return false;
		}
		byTopic.put(key, new Consent(subscribed, at, how));
		return true;
	}

	/** Every consent kept, by {@code topic/channel}. */
	public Map<String, Consent> all() {
		return Collections.unmodifiableMap(byTopic);
	}

	public boolean isEmpty() {
		return byTopic.isEmpty();
	}

	private static String key(String topic, String channel) {
		return topic + "/" + channel;
	}
}
