package io.itinera.runtime.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One feature's state for one customer: plain data that a {@link FeatureDefinition} reads and
 * updates. Which parts are used depends on the definition: running aggregates use
 * {@code count}/{@code accumulator}; a last value or a recency uses {@code accumulator}/{@code time};
 * a sliding window uses {@code time} (its newest bucket) and the bucket arrays; a sequence uses
 * {@code items} (oldest first, at most its length).
 */
public final class FeatureSlot {
	static final long NEVER = Long.MIN_VALUE;

	long count;
	double accumulator = Double.NaN;
	long time = NEVER;
	int[] bucketCounts;
	double[] bucketValues;
	String[] items;

	FeatureSlot() {
	}

	public FeatureSlot copy() {
		FeatureSlot copy = new FeatureSlot();
		copy.count = count;
		copy.accumulator = accumulator;
		copy.time = time;
		copy.bucketCounts = bucketCounts == null ? null : bucketCounts.clone();
		copy.bucketValues = bucketValues == null ? null : bucketValues.clone();
		copy.items = items == null ? null : items.clone();
		return copy;
	}

	/** Writes only non-empty buckets, so a quiet customer's window costs a few bytes. */
	public void write(DataOutput out) throws IOException {
		int flags = (bucketCounts != null ? 1 : 0) | (bucketValues != null ? 2 : 0) | (time != NEVER ? 4 : 0)
				| (!Double.isNaN(accumulator) ? 8 : 0) | (count != 0 ? 16 : 0) | (items != null ? 32 : 0);
		out.writeByte(flags);
		if (count != 0) {
			Varint.writeUnsigned(out, count);
		}
		if (!Double.isNaN(accumulator)) {
			out.writeDouble(accumulator);
		}
		if (time != NEVER) {
			Varint.writeSigned(out, time);
		}
		if (bucketCounts != null) {
			out.writeByte(bucketCounts.length);
			long occupied = 0;
			for (int i = 0; i < bucketCounts.length; i++) {
				if (bucketCounts[i] != 0) {
					occupied |= 1L << i;
				}
			}
			Varint.writeUnsigned(out, occupied);
			for (int i = 0; i < bucketCounts.length; i++) {
				if (bucketCounts[i] != 0) {
					Varint.writeUnsigned(out, bucketCounts[i]);
					if (bucketValues != null) {
						out.writeDouble(bucketValues[i]);
					}
				}
			}
		}
		if (items != null) {
			Varint.writeUnsigned(out, items.length);
			for (String item : items) {
				out.writeUTF(item);
			}
		}
	}

	public static FeatureSlot read(DataInput in) throws IOException {
		FeatureSlot slot = new FeatureSlot();
		int flags = in.readUnsignedByte();
		if ((flags & 16) != 0) {
			slot.count = Varint.readUnsigned(in);
		}
		if ((flags & 8) != 0) {
			slot.accumulator = in.readDouble();
		}
		if ((flags & 4) != 0) {
			slot.time = Varint.readSigned(in);
		}
		if ((flags & 1) != 0) {
			int buckets = in.readUnsignedByte();
			slot.bucketCounts = new int[buckets];
			slot.bucketValues = (flags & 2) != 0 ? new double[buckets] : null;
			long occupied = Varint.readUnsigned(in);
			for (int i = 0; i < buckets; i++) {
				if ((occupied & (1L << i)) != 0) {
					slot.bucketCounts[i] = (int) Varint.readUnsigned(in);
					if (slot.bucketValues != null) {
						slot.bucketValues[i] = in.readDouble();
					}
				}
			}
		}
		if ((flags & 32) != 0) {
			slot.items = new String[(int) Varint.readUnsigned(in)];
			for (int i = 0; i < slot.items.length; i++) {
				slot.items[i] = in.readUTF();
			}
		}
		return slot;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FeatureSlot that && count == that.count
				&& Double.compare(accumulator, that.accumulator) == 0 && time == that.time
				&& Arrays.equals(bucketCounts, that.bucketCounts) && Arrays.equals(bucketValues, that.bucketValues)
				&& Arrays.equals(items, that.items);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(time) * 31 + Arrays.hashCode(bucketCounts);
	}
}
