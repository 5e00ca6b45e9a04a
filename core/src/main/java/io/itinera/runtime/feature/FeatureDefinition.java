package io.itinera.runtime.feature;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.ValueType;

/**
 * How one declared feature is kept: which slot it needs, how an event updates it, and its value
 * at a point in time. Values are doubles; NaN means "no value" (the min of nothing, days since an
 * event that never happened), and every comparison with NaN is false. The exception is {@code last}
 * of a text or yes/no field, which keeps the value itself ({@link #current}).
 */
public abstract class FeatureDefinition {
	static final long DAY_MILLIS = 86_400_000L;

	private final Feature feature;

	protected FeatureDefinition(Feature feature) {
		this.feature = feature;
	}

	/** A feature whose value is a number. */
	public static FeatureDefinition of(Feature feature) {
		return of(feature, ValueType.DECIMAL);
	}

	/** A feature whose value has {@code type} ({@code JourneyPlan.featureType}): text or yes/no only for {@code last}. */
	public static FeatureDefinition of(Feature feature, ValueType type) {
		return switch (feature.kind()) {
			case DAYS_SINCE, DAYS_SINCE_FIRST, DAYS_SINCE_PREVIOUS -> new RecencyFeature(feature);
			case LAST -> type == ValueType.STRING ? new LastTextFeature(feature)
					: type == ValueType.BOOLEAN ? new LastFlagFeature(feature) : new LastValueFeature(feature);
			case SEQUENCE -> new SequenceFeature(feature);
			default -> feature.window() instanceof FeatureWindow.Sliding sliding
					? new SlidingWindowFeature(feature, sliding.lengthMillis())
					: new RunningFeature(feature);
		};
	}

	public Feature feature() {
		return feature;
	}

	/** Whether an event counts only with a numeric value of {@code feature().field()}. */
	public boolean needsValue() {
		return feature.field() != null && feature.kind() != AggregateKind.COUNT;
	}

	/** The event whose occurrence empties the feature ("since last purchase"), or null. */
	public String resetEvent() {
		return feature.window() instanceof FeatureWindow.SinceLast since ? since.event() : null;
	}

	public abstract FeatureSlot newSlot();

	/** Adds one occurrence of the feature's event at {@code at}; {@code value} is NaN for counts. */
	public abstract void record(FeatureSlot slot, long at, double value);

	/** Forgets everything: the reset event happened. */
	public void reset(FeatureSlot slot) {
		FeatureSlot empty = newSlot();
		slot.count = empty.count;
		slot.accumulator = empty.accumulator;
		slot.time = empty.time;
		slot.bucketCounts = empty.bucketCounts;
		slot.bucketValues = empty.bucketValues;
		slot.items = empty.items;
	}

	/** Whether the value can change with time alone, between two of the customer's events (recency, sliding windows). */
	public boolean changesWithTime() {
		return false;
	}

	/**
	 * The first instant after {@code at} at which the value may differ from its value at {@code at}
	 * with no new event; {@link Long#MAX_VALUE} when it only changes with events.
	 */
	public long nextChangeAfter(FeatureSlot slot, long at) {
		return Long.MAX_VALUE;
	}

	/** The value as a number; NaN when it has none, or when it is text. */
	public abstract double value(FeatureSlot slot, long at);

	/**
	 * The value as conditions compare it: a Double for numeric features, a String for the last of a
	 * text field, a Boolean for the last of a yes/no field; null when it has none.
	 */
	public Object current(FeatureSlot slot, long at) {
		return value(slot, at);
	}

	/** The type of {@link #current}: DECIMAL for numbers. */
	public ValueType type() {
		return ValueType.DECIMAL;
	}

	/** Whether the feature keeps text values (a sequence of item ids, or the last text value) rather than numbers. */
	public boolean keepsItems() {
		return false;
	}

	/** Adds a text value; true when the feature changed. Only for {@link #keepsItems()}. */
	public boolean recordItem(FeatureSlot slot, long at, String item) {
		throw new UnsupportedOperationException(feature.name() + " keeps numbers");
	}

	/** The kept items, oldest first (empty for a feature that keeps numbers). */
	public String[] items(FeatureSlot slot) {
		return slot.items == null ? NO_ITEMS : slot.items;
	}

	static final String[] NO_ITEMS = new String[0];

	/** Folds {@code value} into a running sum, min or max. */
	static double fold(AggregateKind kind, double accumulator, boolean first, double value) {
		if (first) {
			return value;
		}
		return switch (kind) {
			case MIN -> Math.min(accumulator, value);
			case MAX -> Math.max(accumulator, value);
			default -> accumulator + value;
		};
	}
}
