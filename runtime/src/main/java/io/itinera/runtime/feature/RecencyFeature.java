package io.itinera.runtime.feature;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;

/** Whole days since the last (or first) occurrence of an event; NaN before it ever happens. */
final class RecencyFeature extends FeatureDefinition {
	private final boolean first;

	RecencyFeature(Feature feature) {
		super(feature);
		this.first = feature.kind() == AggregateKind.DAYS_SINCE_FIRST;
	}

	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public void record(FeatureSlot slot, long at, double value) {
		if (slot.time == FeatureSlot.NEVER || (first ? at < slot.time : at > slot.time)) {
			slot.time = at;
		}
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		if (slot.time == FeatureSlot.NEVER) {
			return Double.NaN;
		}
		return Math.floorDiv(Math.max(0, at - slot.time), DAY_MILLIS);
	}
}
