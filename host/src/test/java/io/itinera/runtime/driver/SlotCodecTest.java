package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A slot written by {@link SlotCodec} reads back whole. */
class SlotCodecTest {
	@Test
	void aSlotWithTimersAndHeldEventsReadsBack() {
		CustomerSlot slot = new CustomerSlot("c-1", CustomerState.initial("c-1"));
		slot.clock = 1_000;
		slot.latestSeen = 2_000;
		slot.setTimer("wait:é", 5_000);
		slot.setTimer("abandon", 9_000);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("amount", 12.5);
		fields.put("items", 3L);
		fields.put("gift", true);
		fields.put("sku", "ß-42");
		slot.hold(new Event("c-1", 1_500, "order", fields), 17);
		slot.hold(new Event("c-1", 1_200, "view", Map.of()), 18);
		byte[] bytes = SlotCodec.encode(slot);
		CustomerSlot back = SlotCodec.decode("c-1", bytes);
		assertEquals(2, back.heldEvents());
		for (int i = 0; i < 2; i++) {
			assertEquals(slot.heldEvents[i], back.heldEvents[i]);
			assertEquals(slot.heldLine(i), back.heldLine(i));
		}
		assertEquals(slot.timers(), back.timers());
		assertEquals(2_000, back.latestSeen);
		Event event = new Event("c-1", 7, "order", fields);
		assertEquals(event, EventCodec.decode("c-1", EventCodec.encode(event)));
	}

	@Test
	void anEventReadsBackWhateverItsTextsAndValues() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("plain", "p2167");
		fields.put("nul", "a\0b");
		fields.put("emoji", "cart \uD83D\uDED2 ß");
		fields.put("empty", "");
		fields.put("negative", -42L);
		fields.put("price", -0.5);
		fields.put("gift", false);
		for (Event event : List.of(new Event("c-1", -7, "product_view", fields), new Event("c-é", Long.MAX_VALUE, "日本", Map.of()))) {
			assertEquals(event, EventCodec.decode(event.customerId(), EventCodec.encode(event)));
		}
	}

	@Test
	void aStoresPendingIndexMayHoldACustomerOnceARecordHadPendingWorkOrTheSlotWasReadBack() {
		CustomerSlot slot = new CustomerSlot("c-1", CustomerState.initial("c-1"));
		assertFalse(slot.recordedPending(false), "a customer first met here: nothing to delete from the index");
		assertFalse(slot.recordedPending(false));
		slot.setTimer("abandon", 9_000);
		assertFalse(slot.recordedPending(slot.hasPendingWork()), "the index did not hold them before this record");
		slot.removeTimer(0);
		assertTrue(slot.recordedPending(slot.hasPendingWork()), "the record with the timer put them in the index");
		assertTrue(slot.recordedPending(false), "never false again: a later record may replace the one that deleted them");
		assertTrue(SlotCodec.decode("c-1", SlotCodec.encode(new CustomerSlot("c-1", CustomerState.initial("c-1"))))
				.recordedPending(false), "read back from bytes: a store may index them");
	}
}
