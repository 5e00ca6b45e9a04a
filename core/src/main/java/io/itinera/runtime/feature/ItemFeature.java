package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;

/** A feature that keeps text values (item ids, the last text) in its slot's items rather than a number. */
abstract class ItemFeature extends FeatureDefinition {
	ItemFeature(Feature feature) {
		super(feature);
	}

	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public final boolean keepsItems() {
		return true;
	}

	@Override
	public final boolean needsValue() {
		return false;
	}

	@Override
	public abstract boolean recordItem(FeatureSlot slot, long at, String item);

	@Override
	public final void record(FeatureSlot slot, long at, double value) {
		// text enters through recordItem
	}
}
