package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The end of a replay skips stored customers by their bytes alone: the answer must be the decoded slot's. */
class SlotCodecDueTest {
	@Test
	void whetherSomethingIsDueReadFromTheBytesIsWhatTheDecodedSlotSays() {
		Random random = new Random(11);
		int due = 0;
		for (int i = 0; i < 2_000; i++) {
			String id = "c" + i;
			CustomerSlot slot = new CustomerSlot(id, CustomerState.initial(id));
			slot.clock = random.nextInt(1_000);
			slot.latestSeen = slot.clock;
			for (int t = random.nextInt(4); t > 0; t--) {
				slot.setTimer("timer-é-" + random.nextInt(5), random.nextInt(3_000));
			}
			if (random.nextInt(10) == 0) {
				slot.hold(new Event(id, 2_500 + random.nextInt(100), "view", Map.of("price", 3.5)), i);
			}
			byte[] bytes = SlotCodec.encode(slot);
			long end = random.nextInt(3_000);
			CustomerSlot decoded = SlotCodec.decode(id, bytes);
			boolean expected = decoded.heldCount > 0 || decoded.dueTimer(end) >= 0;
			assertEquals(expected, SlotCodec.hasWorkDueBy(bytes, end), "customer " + i + " at " + end);
			due += expected ? 1 : 0;
		}
		assertTrue(due > 300 && due < 1_700, "both answers are tried: " + due);
	}

	@Test
	void aSlotWithNothingWaitingHasNothingDue() {
		CustomerSlot slot = new CustomerSlot("c", CustomerState.initial("c"));
		assertFalse(SlotCodec.hasWorkDueBy(SlotCodec.encode(slot), Long.MAX_VALUE));
	}
}
