package io.itinera.runtime.feature;

import static io.itinera.runtime.feature.FeatureDefinitionTest.DAY;
import static io.itinera.runtime.feature.FeatureDefinitionTest.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.ValueType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** `last` of a text or yes/no field keeps the value itself; `days since previous` the gap before the latest event. */
class KeptValueFeaturesTest {
	private static FeatureDefinition last(ValueType type, FeatureWindow window) {
		return FeatureDefinition.of(new Feature("f", AggregateKind.LAST, "order", "v", window, SourceLocation.UNKNOWN), type);
	}

	@Test
	void theLastTextValueIsKeptAsTextAndSurvivesTheCodec() throws Exception {
		FeatureDefinition invoice = last(ValueType.STRING, new FeatureWindow.Sliding(DAY));
		FeatureSlot slot = invoice.newSlot();
		assertNull(invoice.current(slot, 0), "no order yet");
		assertTrue(invoice.recordItem(slot, 10 * DAY, "i1"));
		invoice.recordItem(slot, 10 * DAY + HOUR, "i2");
		invoice.recordItem(slot, 10 * DAY + 30 * 60_000L, "late");
		assertEquals("i2", invoice.current(slot, 10 * DAY + 2 * HOUR), "an earlier event does not replace a later one");
		assertTrue(Double.isNaN(invoice.value(slot, 10 * DAY + 2 * HOUR)), "text is no number");
		assertNull(invoice.current(slot, 12 * DAY), "outside its window");
		FeatureSlot back = FeatureSlot.read(new DataInputStream(new ByteArrayInputStream(bytes(slot))));
		assertEquals(slot, back);
		assertEquals("i2", invoice.current(back, 10 * DAY + 2 * HOUR));
	}

	@Test
	void theLastYesNoValueReadsAsABoolean() {
		FeatureDefinition gift = last(ValueType.BOOLEAN, new FeatureWindow.Lifetime());
		FeatureSlot slot = gift.newSlot();
		assertNull(gift.current(slot, 0));
		gift.record(slot, DAY, 1);
		assertEquals(Boolean.TRUE, gift.current(slot, 2 * DAY));
		gift.record(slot, 3 * DAY, 0);
		assertEquals(Boolean.FALSE, gift.current(slot, 4 * DAY));
	}

	@Test
	void daysSincePreviousIsTheGapBeforeTheLatestEventInWholeDays() {
		FeatureDefinition idle = FeatureDefinition.of(new Feature("idle", AggregateKind.DAYS_SINCE_PREVIOUS, "order", null,
				new FeatureWindow.Lifetime(), SourceLocation.UNKNOWN));
		FeatureDefinition sinceLast = FeatureDefinition.of(new Feature("since", AggregateKind.DAYS_SINCE, "order", null,
				new FeatureWindow.Lifetime(), SourceLocation.UNKNOWN));
		FeatureSlot gap = idle.newSlot();
		FeatureSlot last = sinceLast.newSlot();
		idle.record(gap, 5 * DAY, Double.NaN);
		sinceLast.record(last, 5 * DAY, Double.NaN);
		assertTrue(Double.isNaN(idle.value(gap, 5 * DAY)), "one order has no gap before it");
		long order = 5 * DAY + 95 * DAY + 23 * HOUR;
		idle.record(gap, order, Double.NaN);
		sinceLast.record(last, order, Double.NaN);
		assertEquals(0, sinceLast.value(last, order), "the order being handled is the last one");
		assertEquals(95, idle.value(gap, order), "95 days and 23 hours are 95 whole days");
		assertEquals(95, idle.value(gap, order + 40 * DAY), "the gap stays until the next order");
		assertEquals(40, sinceLast.value(last, order + 40 * DAY));
		idle.record(gap, order + 40 * DAY, Double.NaN);
		assertEquals(40, idle.value(gap, order + 40 * DAY));
	}

	private static byte[] bytes(FeatureSlot slot) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		slot.write(new DataOutputStream(out));
		return out.toByteArray();
	}
}
