package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SlotBytes writes exactly what DataOutputStream writes, so stored slots read as before. */
class SlotBytesTest {
	private interface Writes {
		void to(DataOutput out) throws IOException;
	}

	private static void sameBytes(Writes writes) throws IOException {
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(expected)) {
			writes.to(out);
		}
		SlotBytes actual = new SlotBytes(1);
		writes.to(actual);
		assertArrayEquals(expected.toByteArray(), actual.toByteArray());
	}

	@Test
	void numbersAndFlagsAsDataOutputStream() throws IOException {
		Random random = new Random(7);
		for (int i = 0; i < 200; i++) {
			long l = random.nextLong();
			double d = random.nextDouble() * 1e9 - 5e8;
			sameBytes(out -> {
				out.writeByte((int) l);
				out.writeShort((int) l);
				out.writeInt((int) l);
				out.writeLong(l);
				out.writeDouble(d);
				out.writeFloat((float) d);
				out.writeBoolean(l % 2 == 0);
				out.writeChar((int) (l >>> 16));
				out.write(new byte[] { 1, 2, (byte) l });
			});
		}
		sameBytes(out -> {
			out.writeLong(Long.MIN_VALUE);
			out.writeLong(Long.MAX_VALUE);
			out.writeDouble(Double.NaN);
			out.writeShort(0xFFFF);
			out.writeBytes("bytes é");
			out.writeChars("chars é");
		});
	}

	@Test
	void textsInModifiedUtf8AsDataOutputStream() throws IOException {
		for (String text : new String[] { "", "cart", "nul\0in", "é and ß", "€ ✓ 日本", "\uD83D\uDE00 surrogates", "\u07FF\u0800\u0080\u007F",
				"x".repeat(70_000 / 3) + "日".repeat(1_000) }) {
			sameBytes(out -> out.writeUTF(text));
		}
		SlotBytes out = new SlotBytes(8);
		assertThrows(UTFDataFormatException.class, () -> out.writeUTF("日".repeat(30_000)));
	}

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
}
