package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;

/**
 * A sliding window's buckets under a wider window of the same feature: old buckets merge into the
 * new bucket that covers them. Buckets cannot be split, so only a whole multiple of the old
 * window keeps the history.
 */
public final class WindowWidening {
	private WindowWidening() {
	}

	public static boolean possible(Feature old, Feature wider) {
		return old.kind() == wider.kind() && old.window() instanceof FeatureWindow.Sliding before
				&& wider.window() instanceof FeatureWindow.Sliding after && after.lengthMillis() % before.lengthMillis() == 0;
	}

	/** The slot {@code wider} keeps for {@code slot} (kept under {@code old}); call only when {@link #possible}. */
	public static FeatureSlot widen(Feature old, Feature wider, FeatureSlot slot) {
		FeatureSlot widened = new FeatureSlot();
		if (slot.bucketCounts == null || slot.time == FeatureSlot.NEVER) {
			return widened;
		}
		long oldBucketMillis = bucketMillis(old);
		long newBucketMillis = bucketMillis(wider);
		int buckets = SlidingWindowFeature.BUCKETS;
		widened.bucketCounts = new int[buckets];
		widened.bucketValues = slot.bucketValues == null ? null : new double[buckets];
		widened.time = Math.floorDiv(slot.time * oldBucketMillis, newBucketMillis);
		for (long b = slot.time - buckets + 1; b <= slot.time; b++) {
			int from = (int) Math.floorMod(b, buckets);
			if (slot.bucketCounts[from] == 0) {
				continue;
			}
			int to = (int) Math.floorMod(Math.floorDiv(b * oldBucketMillis, newBucketMillis), buckets);
			if (widened.bucketValues != null) {
				widened.bucketValues[to] = FeatureDefinition.fold(old.kind(), widened.bucketValues[to],
						widened.bucketCounts[to] == 0, slot.bucketValues[from]);
			}
			widened.bucketCounts[to] += slot.bucketCounts[from];
		}
		return widened;
	}

	private static long bucketMillis(Feature feature) {
		long window = ((FeatureWindow.Sliding) feature.window()).lengthMillis();
		return Math.max(1, (window + SlidingWindowFeature.BUCKETS - 1) / SlidingWindowFeature.BUCKETS);
	}
}
