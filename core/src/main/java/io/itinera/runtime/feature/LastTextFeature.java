package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.ValueType;

/**
 * The last value of a text field, kept as text in the slot's items (one entry) with its time; with
 * a sliding window, only while that event is inside it. As a number it has none (NaN).
 */
final class LastTextFeature extends ItemFeature {
	private final LastEventWindow window;

	LastTextFeature(Feature feature) {
		super(feature);
		this.window = LastEventWindow.of(feature);
	}

	@Override
	public ValueType type() {
		return ValueType.STRING;
	}

	@Override
	public boolean recordItem(FeatureSlot slot, long at, String item) {
		if (item == null || (slot.time != FeatureSlot.NEVER && at < slot.time)) {
			return false;
		}
		boolean changed = slot.items == null || slot.items.length != 1 || !slot.items[0].equals(item);
		slot.items = new String[] { item };
		slot.time = at;
		return changed;
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		return Double.NaN;
	}

	@Override
	public Object current(FeatureSlot slot, long at) {
		if (slot.items == null || slot.items.length == 0 || window.hasLeft(slot.time, at)) {
			return null;
		}
		return slot.items[0];
	}

	@Override
	public boolean changesWithTime() {
		return window.millis() > 0;
	}

	@Override
	public long nextChangeAfter(FeatureSlot slot, long at) {
		return window.leavesAfter(slot.time, at);
	}
}
