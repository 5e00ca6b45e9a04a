package io.itinera.runtime.step;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The recent sends of one customer that caps count: (campaign index, channel index, time),
 * oldest first, pruned to the longest cap period, so it stays as small as the caps allow. A
 * workspace keeps one across its journeys, with the journey's index in place of the campaign's.
 */
public final class SendLog {
	private int size;
	private int[] campaigns = new int[4];
	private byte[] channels = new byte[4];
	private long[] times = new long[4];

	public static SendLog read(byte[] bytes) {
		SendLog log = new SendLog();
		if (bytes == null) {
			return log;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int count = in.readUnsignedShort();
			for (int i = 0; i < count; i++) {
				log.add(in.readUnsignedShort(), in.readByte(), in.readLong());
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("the customer's send log is corrupt", e);
		}
		return log;
	}

	public byte[] write() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + size * 11);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeShort(size);
			for (int i = 0; i < size; i++) {
				out.writeShort(campaigns[i]);
				out.writeByte(channels[i]);
				out.writeLong(times[i]);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	public void add(int campaign, int channel, long at) {
		if (size == times.length) {
			campaigns = java.util.Arrays.copyOf(campaigns, size * 2);
			channels = java.util.Arrays.copyOf(channels, size * 2);
			times = java.util.Arrays.copyOf(times, size * 2);
		}
		campaigns[size] = campaign;
		channels[size] = (byte) channel;
		times[size] = at;
		size++;
	}

	/** Forgets sends at or before {@code before}. */
	public void pruneUpTo(long before) {
		int keep = 0;
		for (int i = 0; i < size; i++) {
			if (times[i] > before) {
				campaigns[keep] = campaigns[i];
				channels[keep] = channels[i];
				times[keep] = times[i];
				keep++;
			}
		}
		size = keep;
	}

	/** Sends after {@code since}, of {@code campaign} (or any, -1) on {@code channel} (or any, -1). */
	public int count(int campaign, int channel, long since) {
		int count = 0;
		for (int i = 0; i < size; i++) {
			if (times[i] > since && (campaign < 0 || campaigns[i] == campaign) && (channel < 0 || channels[i] == channel)) {
				count++;
			}
		}
		return count;
	}

	/** The earliest send after {@code since} of {@code channel} (or any, -1); Long.MAX_VALUE when none. */
	public long earliest(int channel, long since) {
		long earliest = Long.MAX_VALUE; // not the first: a held send is logged at its later release time
		for (int i = 0; i < size; i++) {
			if (times[i] > since && (channel < 0 || channels[i] == channel)) {
				earliest = Math.min(earliest, times[i]);
			}
		}
		return earliest;
	}

	public boolean isEmpty() {
		return size == 0;
	}
}
