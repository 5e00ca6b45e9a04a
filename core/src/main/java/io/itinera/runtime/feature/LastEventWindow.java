package io.itinera.runtime.feature;

import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;

/** How long a {@code last} feature's value holds: with a sliding window, while its event is inside it; else always. */
record LastEventWindow(long millis) {
	static LastEventWindow of(Feature feature) {
		return new LastEventWindow(feature.window() instanceof FeatureWindow.Sliding sliding ? sliding.lengthMillis() : 0);
	}

	/** The instant the event at {@code eventTime} leaves the window, if after {@code at}; else {@link Long#MAX_VALUE}. */
	long leavesAfter(long eventTime, long at) {
		return millis > 0 && eventTime != FeatureSlot.NEVER && eventTime + millis > at ? eventTime + millis : Long.MAX_VALUE;
	}

	/** Whether the event at {@code eventTime} has left the window by {@code at}. */
	boolean hasLeft(long eventTime, long at) {
		return millis > 0 && at - eventTime >= millis;
	}
}
