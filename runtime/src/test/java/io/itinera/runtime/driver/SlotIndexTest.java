package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.itinera.runtime.step.CustomerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotIndexTest {
	@Test
	void findsWhatAMapWouldThroughAddsAndRemovesInAnyOrder() {
		Random random = new Random(26);
		SlotIndex index = new SlotIndex();
		Map<String, CustomerSlot> expected = new HashMap<>();
		List<String> ids = new ArrayList<>();
		for (int step = 0; step < 60_000; step++) {
			String id = "c" + random.nextInt(20_000);
			CustomerSlot present = expected.get(id);
			if (present == null) {
				CustomerSlot slot = new CustomerSlot(id, (CustomerState) null);
				index.add(slot);
				expected.put(id, slot);
				ids.add(id);
			} else if (random.nextInt(3) == 0) {
				index.remove(present);
				expected.remove(id);
			}
			if (step % 1_000 == 0) {
				for (String each : ids) {
					CustomerSlot slot = expected.get(each);
					if (slot == null) {
						assertNull(index.get(each), each);
					} else {
						assertSame(slot, index.get(each), each);
					}
				}
			}
		}
	}
}
