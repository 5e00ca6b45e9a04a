package io.itinera.runtime.step;


/**
 * The recent sends of one customer that caps count: (campaign index, channel index, time),
 * oldest first, pruned to the longest cap period, so it stays as small as the caps allow. A
 * workspace keeps one across its journeys, with the journey's index in place of the campaign's.
 */
public final class SendLog {
	/** Bytes per send: campaign, channel, time. */
	private static final int ENTRY_BYTES = 11;
	private int size;
	private int[] campaigns = new int[4];
	private byte[] channels = new byte[4];
	private long[] times = new long[4];

	/** What {@link #write} wrote: a count, then per send a campaign (16 bits), a channel (8) and a time (64), big-endian. */
	public static SendLog read(byte[] bytes) {
		SendLog log = new SendLog();
		if (bytes == null) {
			return log;
		}
		if (bytes.length < 2) {
			throw new IllegalArgumentException("the customer's send log is corrupt (" + bytes.length + " bytes)");
		}
		int count = (bytes[0] & 0xff) << 8 | bytes[1] & 0xff;
		if (bytes.length < 2 + count * ENTRY_BYTES) {
			throw new IllegalArgumentException("the customer's send log is corrupt (" + bytes.length + " bytes for " + count
					+ " sends)");
		}
		for (int i = 0, at = 2; i < count; i++, at += ENTRY_BYTES) {
			long time = 0;
			for (int b = 3; b < ENTRY_BYTES; b++) {
				time = time << 8 | bytes[at + b] & 0xff;
			}
			log.add((bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff, bytes[at + 2], time);
		}
		return log;
	}

	public byte[] write() {
		byte[] bytes = new byte[2 + size * ENTRY_BYTES];
		bytes[0] = (byte) (size >>> 8);
		bytes[1] = (byte) size;
		for (int i = 0, at = 2; i < size; i++, at += ENTRY_BYTES) {
			bytes[at] = (byte) (campaigns[i] >>> 8);
			bytes[at + 1] = (byte) campaigns[i];
			bytes[at + 2] = channels[i];
			for (int b = ENTRY_BYTES - 1, shift = 0; b >= 3; b--, shift += 8) {
				bytes[at + b] = (byte) (times[i] >>> shift);
			}
		}
		return bytes;
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
