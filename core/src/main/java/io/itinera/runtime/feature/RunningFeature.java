package io.itinera.runtime.feature;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;

/** count/sum/avg/min/max over a customer's lifetime or since the last reset event: exact, O(1) state. */
final class RunningFeature extends FeatureDefinition {
	private final AggregateKind kind;

	RunningFeature(Feature feature) {
		super(feature);
		this.kind = feature.kind();
	}

	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public void record(FeatureSlot slot, long at, double value) {
		if (kind != AggregateKind.COUNT) {
			slot.accumulator = fold(kind, slot.accumulator, slot.count == 0, value);
		}
		slot.count++;
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		return switch (kind) {
			case COUNT -> slot.count;
			case SUM -> slot.count == 0 ? 0 : slot.accumulator;
			case AVG -> slot.count == 0 ? Double.NaN : slot.accumulator / slot.count;
			default -> slot.count == 0 ? Double.NaN : slot.accumulator;
		};
	}
}
