package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;

/** The last value of a field; with a sliding window, only while that event is inside it (exact). */
final class LastValueFeature extends FeatureDefinition {
	private final LastEventWindow window;

	LastValueFeature(Feature feature) {
		super(feature);
		this.window = LastEventWindow.of(feature);
	}

	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public void record(FeatureSlot slot, long at, double value) {
		if (slot.time == FeatureSlot.NEVER || at >= slot.time) {
			slot.time = at;
			slot.accumulator = value;
		}
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		if (slot.time == FeatureSlot.NEVER || window.hasLeft(slot.time, at)) {
			return Double.NaN;
		}
		return slot.accumulator;
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
