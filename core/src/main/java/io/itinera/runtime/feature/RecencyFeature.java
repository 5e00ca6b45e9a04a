package io.itinera.runtime.feature;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;

/**
 * Whole days (rounded down) since the last (or first) occurrence of an event; NaN before it ever
 * happens. The event being handled counts: while handling an order, days since last order is 0.
 * {@code days since previous} is the whole days between the last occurrence and the one before it
 * (the idle time before the latest), kept as that gap in milliseconds; NaN until it happened twice.
 */
final class RecencyFeature extends FeatureDefinition {
	private final boolean first;
	private final boolean previous;

	RecencyFeature(Feature feature) {
		super(feature);
		this.first = feature.kind() == AggregateKind.DAYS_SINCE_FIRST;
		this.previous = feature.kind() == AggregateKind.DAYS_SINCE_PREVIOUS;
	}

	@Override
	public FeatureSlot newSlot() {
		return new FeatureSlot();
	}

	@Override
	public void record(FeatureSlot slot, long at, double value) {
		if (previous) {
			if (slot.time == FeatureSlot.NEVER || at >= slot.time) {
				if (slot.time != FeatureSlot.NEVER) {
					slot.accumulator = at - slot.time;
				}
				slot.time = at;
			}
			return;
		}
		if (slot.time == FeatureSlot.NEVER || (first ? at < slot.time : at > slot.time)) {
			slot.time = at;
		}
	}

	@Override
	public double value(FeatureSlot slot, long at) {
		if (previous) {
			return Double.isNaN(slot.accumulator) ? Double.NaN : Math.floorDiv((long) slot.accumulator, DAY_MILLIS);
		}
		if (slot.time == FeatureSlot.NEVER) {
			return Double.NaN;
		}
		return Math.floorDiv(Math.max(0, at - slot.time), DAY_MILLIS);
	}

	/** {@code days since previous E} only changes with events; the others at each whole day after the event. */
	@Override
	public boolean changesWithTime() {
		return !previous;
	}

	@Override
	public long nextChangeAfter(FeatureSlot slot, long at) {
		if (previous || slot.time == FeatureSlot.NEVER) {
			return Long.MAX_VALUE;
		}
		if (at < slot.time) {
			return slot.time + DAY_MILLIS;
		}
		return slot.time + (Math.floorDiv(at - slot.time, DAY_MILLIS) + 1) * DAY_MILLIS;
	}
}
