package io.itinera.runtime.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class FeatureDefinitionTest {
	static final long HOUR = 3_600_000L;
	static final long DAY = 24 * HOUR;

	static FeatureDefinition define(AggregateKind kind, FeatureWindow window) {
		return FeatureDefinition.of(new Feature("f", kind, "e", kind == AggregateKind.COUNT ? null : "v", window,
				SourceLocation.UNKNOWN));
	}

	@Test
	void slidingCountForgetsEventsOnceTheWindowHasPassed() {
		FeatureDefinition views = define(AggregateKind.COUNT, new FeatureWindow.Sliding(16 * HOUR));
		FeatureSlot slot = views.newSlot();
		long t0 = 1_000 * DAY;
		views.record(slot, t0, Double.NaN);
		views.record(slot, t0 + 2 * HOUR, Double.NaN);
		views.record(slot, t0 + 10 * HOUR, Double.NaN);
		assertEquals(3, views.value(slot, t0 + 10 * HOUR));
		assertEquals(3, views.value(slot, t0 + 15 * HOUR), "all within the window");
		assertEquals(2, views.value(slot, t0 + 16 * HOUR + 1), "the first one left");
		assertEquals(1, views.value(slot, t0 + 18 * HOUR + 1));
		assertEquals(0, views.value(slot, t0 + 27 * HOUR));
	}

	@Test
	void anEventLeavesTheWindowAtMostOneBucketEarly() {
		long window = 7 * DAY;
		long bucket = window / SlidingWindowFeature.BUCKETS;
		FeatureDefinition views = define(AggregateKind.COUNT, new FeatureWindow.Sliding(window));
		for (long offset = 0; offset < bucket; offset += bucket / 7) {
			FeatureSlot slot = views.newSlot();
			long at = 3_000 * DAY + offset;
			views.record(slot, at, Double.NaN);
			assertEquals(1, views.value(slot, at + window - bucket - 1), "still inside window - bucket");
			assertEquals(0, views.value(slot, at + window), "never beyond the window");
		}
	}

	@Test
	void slidingSumAvgMinMax() {
		long t0 = 500 * DAY;
		double[] prices = { 10, 40, 25 };
		FeatureSlot sum = null;
		for (AggregateKind kind : new AggregateKind[] { AggregateKind.SUM, AggregateKind.AVG, AggregateKind.MIN, AggregateKind.MAX }) {
			FeatureDefinition feature = define(kind, new FeatureWindow.Sliding(DAY));
			FeatureSlot slot = feature.newSlot();
			for (int i = 0; i < prices.length; i++) {
				feature.record(slot, t0 + i * HOUR, prices[i]);
			}
			double expected = switch (kind) {
				case SUM -> 75;
				case AVG -> 25;
				case MIN -> 10;
				default -> 40;
			};
			assertEquals(expected, feature.value(slot, t0 + 3 * HOUR), kind.name());
			if (kind == AggregateKind.SUM) {
				sum = slot;
				assertEquals(0, feature.value(slot, t0 + 3 * DAY), "an empty window sums to 0");
			} else {
				assertTrue(Double.isNaN(feature.value(slot, t0 + 3 * DAY)), kind + " of nothing is NaN");
			}
		}
		assertTrue(sum.bucketCounts.length == SlidingWindowFeature.BUCKETS, "state is bounded by the bucket count");
	}

	@Test
	void stateDoesNotGrowWithEvents() throws Exception {
		FeatureDefinition spend = define(AggregateKind.SUM, new FeatureWindow.Sliding(7 * DAY));
		FeatureSlot slot = spend.newSlot();
		for (int i = 0; i < 100_000; i++) {
			spend.record(slot, 10_000 * DAY + i * 60_000L, 1.0);
		}
		assertTrue(bytes(slot).length <= 1 + 2 + 1 + 3 + 16 * (3 + 8), "bytes: " + bytes(slot).length);
	}

	@Test
	void tooOldEventsAreDropped() {
		FeatureDefinition views = define(AggregateKind.COUNT, new FeatureWindow.Sliding(DAY));
		FeatureSlot slot = views.newSlot();
		views.record(slot, 100 * DAY, Double.NaN);
		views.record(slot, 90 * DAY, Double.NaN);
		views.record(slot, 100 * DAY - HOUR, Double.NaN);
		assertEquals(2, views.value(slot, 100 * DAY));
	}

	@Test
	void sinceLastResetsAndLifetimeKeepsEverything() {
		FeatureDefinition cartValue = define(AggregateKind.SUM, new FeatureWindow.SinceLast("purchase"));
		assertEquals("purchase", cartValue.resetEvent());
		FeatureSlot slot = cartValue.newSlot();
		cartValue.record(slot, 1, 30);
		cartValue.record(slot, 2, 20);
		assertEquals(50, cartValue.value(slot, 3));
		cartValue.reset(slot);
		assertEquals(0, cartValue.value(slot, 4));
		cartValue.record(slot, 5, 7);
		assertEquals(7, cartValue.value(slot, 6));

		FeatureDefinition lowest = define(AggregateKind.MIN, new FeatureWindow.Lifetime());
		FeatureSlot min = lowest.newSlot();
		lowest.record(min, 1, 5);
		lowest.record(min, 100 * DAY, 3);
		lowest.record(min, 200 * DAY, 9);
		assertEquals(3, lowest.value(min, 300 * DAY));
	}

	@Test
	void lastValueAndRecency() {
		FeatureDefinition lastPrice = define(AggregateKind.LAST, new FeatureWindow.Sliding(DAY));
		FeatureSlot last = lastPrice.newSlot();
		assertTrue(Double.isNaN(lastPrice.value(last, 0)));
		lastPrice.record(last, 10 * DAY, 12.5);
		lastPrice.record(last, 10 * DAY + HOUR, 8);
		assertEquals(8, lastPrice.value(last, 10 * DAY + 2 * HOUR));
		assertTrue(Double.isNaN(lastPrice.value(last, 12 * DAY)), "outside its window");

		FeatureDefinition idle = FeatureDefinition.of(new Feature("idle", AggregateKind.DAYS_SINCE, "purchase", null,
				new FeatureWindow.Lifetime(), SourceLocation.UNKNOWN));
		FeatureSlot recency = idle.newSlot();
		assertTrue(Double.isNaN(idle.value(recency, 5 * DAY)), "never purchased");
		idle.record(recency, 5 * DAY, Double.NaN);
		idle.record(recency, 7 * DAY, Double.NaN);
		assertEquals(3, idle.value(recency, 10 * DAY + HOUR));

		FeatureDefinition tenure = FeatureDefinition.of(new Feature("tenure", AggregateKind.DAYS_SINCE_FIRST, "visit", null,
				new FeatureWindow.Lifetime(), SourceLocation.UNKNOWN));
		FeatureSlot first = tenure.newSlot();
		tenure.record(first, 5 * DAY, Double.NaN);
		tenure.record(first, 7 * DAY, Double.NaN);
		assertEquals(5, tenure.value(first, 10 * DAY));
	}

	@Test
	void slotsSurviveTheirCodec() throws Exception {
		FeatureDefinition spend = define(AggregateKind.AVG, new FeatureWindow.Sliding(DAY));
		FeatureSlot slot = spend.newSlot();
		spend.record(slot, 50 * DAY, 3);
		spend.record(slot, 50 * DAY + 5 * HOUR, 4);
		FeatureSlot back = FeatureSlot.read(new DataInputStream(new ByteArrayInputStream(bytes(slot))));
		assertEquals(slot, back);
		assertEquals(spend.value(slot, 50 * DAY + 6 * HOUR), spend.value(back, 50 * DAY + 6 * HOUR));
		FeatureSlot empty = define(AggregateKind.COUNT, new FeatureWindow.Lifetime()).newSlot();
		assertEquals(empty, FeatureSlot.read(new DataInputStream(new ByteArrayInputStream(bytes(empty)))));
	}

	static byte[] bytes(FeatureSlot slot) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		slot.write(new DataOutputStream(out));
		return out.toByteArray();
	}
}
