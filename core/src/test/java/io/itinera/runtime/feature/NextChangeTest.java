package io.itinera.runtime.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.SourceLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code nextChangeAfter}: the instant a feature's value next moves with time alone, which the segment
 * timer is set from. At that instant the value differs from the value just before it, and not earlier.
 */
class NextChangeTest {
	private static final long DAY = 86_400_000L;
	private static final long HOUR = 3_600_000L;
	private static final SourceLocation AT = new SourceLocation("t.journey", 1, 1);

	private static FeatureDefinition feature(AggregateKind kind, String field, FeatureWindow window) {
		return FeatureDefinition.of(new Feature("f", kind, "order", field, window, AT));
	}

	@Test
	void daysSinceChangesAtEachWholeDayAfterTheEvent() {
		FeatureDefinition days = feature(AggregateKind.DAYS_SINCE, null, new FeatureWindow.Lifetime());
		FeatureSlot slot = days.newSlot();
		assertEquals(Long.MAX_VALUE, days.nextChangeAfter(slot, 0), "never happened: NaN for good");
		long order = 10 * DAY + 5 * HOUR;
		days.record(slot, order, Double.NaN);
		assertEquals(order + DAY, days.nextChangeAfter(slot, order));
		assertEquals(order + 61 * DAY, days.nextChangeAfter(slot, order + 60 * DAY));
		assertEquals(order + 61 * DAY, days.nextChangeAfter(slot, order + 61 * DAY - 1));
		assertEquals(60, days.value(slot, order + 61 * DAY - 1));
		assertEquals(61, days.value(slot, order + 61 * DAY));
		assertTrue(days.changesWithTime());
		assertFalse(feature(AggregateKind.DAYS_SINCE_PREVIOUS, null, new FeatureWindow.Lifetime()).changesWithTime());
	}

	@Test
	void aSlidingSumChangesWhenItsOldestBucketLeaves() {
		FeatureDefinition sum = feature(AggregateKind.SUM, "amount", new FeatureWindow.Sliding(16 * DAY));
		FeatureSlot slot = sum.newSlot();
		assertEquals(Long.MAX_VALUE, sum.nextChangeAfter(slot, 0));
		sum.record(slot, 100 * DAY + HOUR, 150);
		sum.record(slot, 103 * DAY, 100);
		long first = sum.nextChangeAfter(slot, 103 * DAY);
		assertEquals(116 * DAY, first, "the bucket of day 100 leaves at day 116");
		assertEquals(250, sum.value(slot, first - 1));
		assertEquals(100, sum.value(slot, first));
		long second = sum.nextChangeAfter(slot, first);
		assertEquals(119 * DAY, second);
		assertEquals(0, sum.value(slot, second));
		assertEquals(Long.MAX_VALUE, sum.nextChangeAfter(slot, second), "an empty window stays empty");
	}

	@Test
	void aLastValueOverAWindowChangesWhenItsEventLeaves() {
		FeatureDefinition last = feature(AggregateKind.LAST, "amount", new FeatureWindow.Sliding(7 * DAY));
		FeatureSlot slot = last.newSlot();
		last.record(slot, DAY, 42);
		assertEquals(8 * DAY, last.nextChangeAfter(slot, 2 * DAY));
		assertEquals(42, last.value(slot, 8 * DAY - 1));
		assertNotEquals(42, last.value(slot, 8 * DAY));
		assertEquals(Long.MAX_VALUE, last.nextChangeAfter(slot, 8 * DAY));
		assertFalse(feature(AggregateKind.LAST, "amount", new FeatureWindow.Lifetime()).changesWithTime());
	}
}
