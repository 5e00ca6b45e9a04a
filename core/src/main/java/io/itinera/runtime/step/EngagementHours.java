package io.itinera.runtime.step;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One customer's engagement per local hour of the day, for {@code send … at best hour}: 24 counts,
 * decayed with a half-life of {@link #HALF_LIFE_HOURS} (so old habits fade), at most one count per
 * clock hour (a burst of opens in one hour is one sign of engagement, as in Mautic's send-time code),
 * trusted only once {@link #MINIMUM_COUNT} hours were counted. Kept as a customer-state extension.
 */
public final class EngagementHours {
	/** Counts halve every 30 days. */
	public static final double HALF_LIFE_HOURS = 30 * 24;
	/** Below this many counted hours the counts say too little: the fallback time decides. */
	public static final int MINIMUM_COUNT = 3;
	/** The customer-state extension the counts are kept in. */
	public static final String KEY = "itinera.hours";
	private static final long HOUR_MILLIS = 3_600_000L;

	private final float[] counts = new float[24];
	/** The clock hour (hours since the epoch) of the last count; the counts are as of then. */
	private long lastHour = Long.MIN_VALUE;
	/** How many clock hours were counted, not decayed. */
	private int counted;

	public static EngagementHours read(byte[] bytes) {
		EngagementHours hours = new EngagementHours();
		if (bytes == null) {
			return hours;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			hours.lastHour = in.readLong();
			hours.counted = in.readInt();
			for (int h = 0; h < 24; h++) {
				hours.counts[h] = in.readFloat();
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("the customer's engagement hours are corrupt", e);
		}
		return hours;
	}

	public byte[] write() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 + 24 * 4);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeLong(lastHour);
			out.writeInt(counted);
			for (float count : counts) {
				out.writeFloat(count);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/**
	 * Counts an engagement at {@code at} in local hour {@code localHour}; false (nothing changed) when
	 * this clock hour already counted one, or when it is older than the last count (a late event).
	 */
	public boolean record(long at, int localHour) {
		long hour = Math.floorDiv(at, HOUR_MILLIS);
		if (hour <= lastHour) {
			return false;
		}
		if (lastHour != Long.MIN_VALUE) {
			double factor = Math.pow(0.5, (hour - lastHour) / HALF_LIFE_HOURS);
			for (int h = 0; h < 24; h++) {
				counts[h] = (float) (counts[h] * factor);
			}
		}
		counts[localHour] += 1;
		lastHour = hour;
		counted = counted == Integer.MAX_VALUE ? counted : counted + 1;
		return true;
	}

	/** The decayed total, as of the last count. */
	public double total() {
		double total = 0;
		for (float count : counts) {
			total += count;
		}
		return total;
	}

	/** The local hour with the most engagement (the earliest on a tie); -1 while the counts are not yet trusted. */
	public int bestHour() {
		if (counted < MINIMUM_COUNT) {
			return -1;
		}
		int best = 0;
		for (int h = 1; h < 24; h++) {
			if (counts[h] > counts[best]) {
				best = h;
			}
		}
		return best;
	}

	public float count(int localHour) {
		return counts[localHour];
	}
}
