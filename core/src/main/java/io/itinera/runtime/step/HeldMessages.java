package io.itinera.runtime.step;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages of one customer waiting for quiet hours to end, each under its release timer's id. */
public final class HeldMessages {
	public record Held(String timerId, long releaseAt, ActionRecord action) {
	}

	private final List<Held> held = new ArrayList<>(1);

	public static HeldMessages read(byte[] bytes) {
		HeldMessages messages = new HeldMessages();
		if (bytes == null) {
			return messages;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int count = in.readUnsignedShort();
			for (int i = 0; i < count; i++) {
				String timerId = in.readUTF();
				long releaseAt = in.readLong();
				String id = in.readUTF();
				String customerId = in.readUTF();
				long at = in.readLong();
				String campaign = in.readUTF();
				String rule = in.readUTF();
				String kind = in.readUTF();
				String channel = in.readBoolean() ? in.readUTF() : null;
				String target = in.readUTF();
				Map<String, String> params = new LinkedHashMap<>();
				int paramCount = in.readUnsignedShort();
				for (int p = 0; p < paramCount; p++) {
					params.put(in.readUTF(), in.readUTF());
				}
				Map<String, Double> scores = new LinkedHashMap<>();
				int scoreCount = in.readUnsignedShort();
				for (int s = 0; s < scoreCount; s++) {
					scores.put(in.readUTF(), in.readDouble());
				}
				messages.held.add(new Held(timerId, releaseAt,
						new ActionRecord(id, customerId, at, campaign, rule, kind, channel, target, params, scores)));
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("the customer's held messages are corrupt", e);
		}
		return messages;
	}

	public byte[] write() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeShort(held.size());
			for (Held message : held) {
				ActionRecord a = message.action();
				out.writeUTF(message.timerId());
				out.writeLong(message.releaseAt());
				out.writeUTF(a.id());
				out.writeUTF(a.customerId());
				out.writeLong(a.at());
				out.writeUTF(a.campaign());
				out.writeUTF(a.rule());
				out.writeUTF(a.kind());
				out.writeBoolean(a.channel() != null);
				if (a.channel() != null) {
					out.writeUTF(a.channel());
				}
				out.writeUTF(a.target());
				out.writeShort(a.params().size());
				for (Map.Entry<String, String> param : a.params().entrySet()) {
					out.writeUTF(param.getKey());
					out.writeUTF(param.getValue());
				}
				Map<String, Double> scores = a.scores() == null ? Map.of() : a.scores();
				out.writeShort(scores.size());
				for (Map.Entry<String, Double> score : scores.entrySet()) {
					out.writeUTF(score.getKey());
					out.writeDouble(score.getValue());
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	public void add(Held message) {
		held.add(message);
	}

	/** Removes and returns the message held under {@code timerId}, or null. */
	public Held take(String timerId) {
		for (int i = 0; i < held.size(); i++) {
			if (held.get(i).timerId().equals(timerId)) {
				return held.remove(i);
			}
		}
		return null;
	}

	public boolean isEmpty() {
		return held.isEmpty();
	}
}
