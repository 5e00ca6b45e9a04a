package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.itinera.runtime.step.CustomerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerSlotsTest {
	private static CustomerSlot slot(String id) {
		return new CustomerSlot(id, CustomerState.initial(id));
	}

	/** Ids of every kind: short and numeric (packed), long, non-Latin-1, and ids that differ only in length. */
	private static String id(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> Integer.toString(random.nextInt(20_000));
			case 1 -> "customer-" + random.nextInt(2_000);
			case 2 -> "\u00e9\u4e2d" + random.nextInt(500);
			case 3 -> "\0".repeat(1 + random.nextInt(7));
			default -> "c" + random.nextInt(3_000);
		};
	}

	@Test
	void findsWhatAMapFindsAndWalksInTheMapsOrderThroughInsertionsAndRemovals() {
		Random random = new Random(26);
		CustomerSlots slots = new CustomerSlots();
		Map<String, CustomerSlot> reference = new HashMap<>();
		for (int round = 0; round < 30; round++) {
			for (int i = 0; i < 2_000; i++) {
				String id = id(random);
				if (!reference.containsKey(id)) {
					CustomerSlot slot = slot(id);
					reference.put(id, slot);
					slots.put(slot);
				}
			}
			Set<String> removed = new HashSet<>();
			for (Iterator<CustomerSlot> it = slots.iterator(); it.hasNext();) {
				CustomerSlot slot = it.next();
				if (random.nextInt(3) == 0) {
					it.remove();
					removed.add(slot.customerId());
				}
			}
			reference.keySet().removeAll(removed);
			assertEquals(reference.size(), slots.size());
			List<CustomerSlot> walked = new ArrayList<>();
			slots.values().forEach(walked::add);
			assertEquals(new ArrayList<>(reference.values()), walked, "the map's order");
			for (int i = 0; i < 5_000; i++) {
				String id = id(random);
				assertSame(reference.get(id), slots.get(id), id);
			}
			for (String id : removed) {
				assertNull(slots.get(id), id);
			}
		}
	}

	@Test
	void packsShortLatin1IdsWithTheirLength() {
		assertNotEquals(CustomerSlots.pack("\0"), CustomerSlots.pack("\0\0"));
		assertNotEquals(0, CustomerSlots.pack("1234567"));
		assertEquals(0, CustomerSlots.pack("12345678"), "too long");
		assertEquals(0, CustomerSlots.pack("\u4e2d"), "not Latin-1");
		assertEquals(0, CustomerSlots.pack(""));
	}
}
