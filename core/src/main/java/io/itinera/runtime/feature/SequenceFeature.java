package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;
import java.util.Arrays;

/**
 * The last N values of a field, oldest first: a customer's recent items, the input of a
 * recommender. A value equal to the newest one is not added again (viewing the same product twice
 * in a row says nothing new), so "the sequence changed" is exactly "a recommender should rescore".
 * As a number (in a condition) the feature is its length.
 */
final class SequenceFeature extends ItemFeature {
	private final int length;

	SequenceFeature(Feature feature) {
		super(feature);
		this.length = Math.max(1, feature.length());
	}

	@Override
	public boolean recordItem(FeatureSlot slot, long at, String item) {
		String[] items = items(slot);
		if (item == null || item.isEmpty() || (items.length > 0 && items[items.length - 1].equals(item))) {
			return false;
		}
		String[] next;
		if (items.length < length) {
			next = Arrays.copyOf(items, items.length + 1);
		} else {
			next = new String[length];
			System.arraycopy(items, items.length - length + 1, next, 0, length - 1);
		}
		next[next.length - 1] = item;
		slot.items = next;
		slot.time = at;
		return true;
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		return items(slot).length;
	}
}
