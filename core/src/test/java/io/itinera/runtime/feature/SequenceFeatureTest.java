package io.itinera.runtime.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class SequenceFeatureTest {
	private final FeatureDefinition lastThree = FeatureDefinition.of(
			Feature.sequence("recentItems", "product_view", "itemId", 3, new SourceLocation("t.journey", 1, 1)));

	@Test
	void keepsTheLastNOldestFirstAndSkipsARepeatOfTheNewest() {
		FeatureSlot slot = lastThree.newSlot();
		assertTrue(lastThree.recordItem(slot, 1, "a"));
		assertFalse(lastThree.recordItem(slot, 2, "a"), "the same item again changes nothing");
		assertTrue(lastThree.recordItem(slot, 3, "b"));
		assertTrue(lastThree.recordItem(slot, 4, "c"));
		assertTrue(lastThree.recordItem(slot, 5, "a"));
		assertFalse(lastThree.recordItem(slot, 6, null));
		assertArrayEquals(new String[] {"b", "c", "a"}, lastThree.items(slot));
		assertEquals(3.0, lastThree.value(slot, 7), "as a number, its length");
	}

	@Test
	void theSlotCodecKeepsTheItems() throws Exception {
		FeatureSlot slot = lastThree.newSlot();
		lastThree.recordItem(slot, 1, "sku-1");
		lastThree.recordItem(slot, 2, "sku-2");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		slot.write(new DataOutputStream(bytes));
		FeatureSlot read = FeatureSlot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
		assertEquals(slot, read);
		assertArrayEquals(new String[] {"sku-1", "sku-2"}, lastThree.items(read));
	}
}
