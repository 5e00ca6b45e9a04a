package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.ValueType;

/** The last value of a yes/no field: kept as 1 or 0 like a numeric last value, read as a Boolean. */
final class LastFlagFeature extends FeatureDefinition {
	private final LastValueFeature number;

	LastFlagFeature(Feature feature) {
		super(feature);
		this.number = new LastValueFeature(feature);
	}

	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public ValueType type() {
		return ValueType.BOOLEAN;
	}

	@Override
	public void record(FeatureSlot slot, long at, double value) {
		number.record(slot, at, value);
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		return number.value(slot, at);
	}

	@Override
	public Object current(FeatureSlot slot, long at) {
		double value = number.value(slot, at);
		return Double.isNaN(value) ? null : value != 0;
	}
}
