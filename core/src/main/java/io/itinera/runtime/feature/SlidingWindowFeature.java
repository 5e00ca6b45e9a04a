package io.itinera.runtime.feature;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;

/**
 * count/sum/avg/min/max over a sliding window kept as {@link #BUCKETS} time buckets of
 * {@code window / BUCKETS} each, so state never grows with the number of events. The price: an
 * event leaves the window between {@code window - window/BUCKETS} and {@code window} after it
 * happened (a whole bucket expires at once), never later. Sums, counts, minima and maxima of the
 * buckets still in the window are exact.
 */
final class SlidingWindowFeature extends FeatureDefinition {
	static final int BUCKETS = 16;

	private final AggregateKind kind;
	private final long bucketMillis;

	SlidingWindowFeature(Feature feature, long windowMillis) {
		super(feature);
		this.kind = feature.kind();
		this.bucketMillis = Math.max(1, (windowMillis + BUCKETS - 1) / BUCKETS);
	}

	/** Buckets are allocated by the first event: customers who never send one cost nothing. */
	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public void record(FeatureSlot slot, long at, double value) {
		if (slot.bucketCounts == null) {
			slot.bucketCounts = new int[BUCKETS];
			slot.bucketValues = kind == AggregateKind.COUNT ? null : new double[BUCKETS];
			slot.time = FeatureSlot.NEVER;
		}
		long bucket = Math.floorDiv(at, bucketMillis);
		if (slot.time == FeatureSlot.NEVER || bucket > slot.time) {
			advanceTo(slot, bucket);
		} else if (bucket <= slot.time - BUCKETS) {
			return; // older than the window: it would have expired already
		}
		int i = (int) Math.floorMod(bucket, BUCKETS);
		if (slot.bucketValues != null) {
			slot.bucketValues[i] = fold(kind, slot.bucketValues[i], slot.bucketCounts[i] == 0, value);
		}
		slot.bucketCounts[i]++;
	}

	private static void advanceTo(FeatureSlot slot, long bucket) {
		if (slot.time == FeatureSlot.NEVER || bucket - slot.time >= BUCKETS) {
			java.util.Arrays.fill(slot.bucketCounts, 0);
			if (slot.bucketValues != null) {
				java.util.Arrays.fill(slot.bucketValues, 0);
			}
		} else {
			for (long b = slot.time + 1; b <= bucket; b++) {
				int i = (int) Math.floorMod(b, BUCKETS);
				slot.bucketCounts[i] = 0;
				if (slot.bucketValues != null) {
					slot.bucketValues[i] = 0;
				}
			}
		}
		slot.time = bucket;
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		long count = 0;
		double accumulator = Double.NaN;
		if (slot.time != FeatureSlot.NEVER && slot.bucketCounts != null) {
			long newest = slot.time;
			long oldestInWindow = Math.max(Math.floorDiv(at, bucketMillis), newest) - BUCKETS + 1;
			for (long b = Math.max(oldestInWindow, newest - BUCKETS + 1); b <= newest; b++) {
				int i = (int) Math.floorMod(b, BUCKETS);
				int bucketCount = slot.bucketCounts[i];
				if (bucketCount != 0) {
					if (slot.bucketValues != null) {
						accumulator = fold(kind, accumulator, count == 0, slot.bucketValues[i]);
					}
					count += bucketCount;
				}
			}
		}
		return switch (kind) {
			case COUNT -> count;
			case SUM -> count == 0 ? 0 : accumulator;
			case AVG -> count == 0 ? Double.NaN : accumulator / count;
			default -> count == 0 ? Double.NaN : accumulator;
		};
	}

	@Override
	public boolean changesWithTime() {
		return true;
	}

	/** The start of the bucket in which the oldest non-empty bucket still in the window at {@code at} leaves it. */
	@Override
	public long nextChangeAfter(FeatureSlot slot, long at) {
		if (slot.time == FeatureSlot.NEVER || slot.bucketCounts == null) {
			return Long.MAX_VALUE;
		}
		long newest = slot.time;
		long oldestInWindow = Math.max(Math.floorDiv(at, bucketMillis), newest) - BUCKETS + 1;
		for (long b = Math.max(oldestInWindow, newest - BUCKETS + 1); b <= newest; b++) {
			if (slot.bucketCounts[(int) Math.floorMod(b, BUCKETS)] != 0) {
				return (b + BUCKETS) * bucketMillis;
			}
		}
		return Long.MAX_VALUE;
	}
}
