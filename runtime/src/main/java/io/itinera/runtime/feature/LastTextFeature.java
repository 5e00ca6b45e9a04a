package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.ValueType;

/**
 * The last value of a text field, kept as text in the slot's items (one entry) with its time; with
 * a sliding window, only while that event is inside it. As a number it has none (NaN).
 */
final class LastTextFeature extends FeatureDefinition {
	private final long windowMillis;

	LastTextFeature(Feature feature) {
		super(feature);
		this.windowMillis = feature.window() instanceof FeatureWindow.Sliding sliding ? sliding.lengthMillis() : 0;
	}

	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public boolean keepsItems() {
		return true;
	}

	@Override
	public boolean needsValue() {
		return false;
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
	public void record(FeatureSlot slot, long at, double value) {
		// text enters through recordItem
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		return Double.NaN;
	}

	@Override
	public Object current(FeatureSlot slot, long at) {
		if (slot.items == null || slot.items.length == 0 || (windowMillis > 0 && at - slot.time >= windowMillis)) {
			return null;
		}
		return slot.items[0];
	}
}
