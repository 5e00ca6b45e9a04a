package io.itinera.serve.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.itinera.runtime.step.ActionRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivered and dead entries leave the ledger after the retention window; pending ones stay. */
class DeliveryLedgerRetentionTest {
	@TempDir
	Path dir;

	private static ActionRecord action(String id) {
		return new ActionRecord(id, "c1", 0, "C", "R", "send", "email", "t", Map.of(), Map.of());
	}

	@Test
	void doneEntriesLeaveAfterTheWindowPendingOnesStay() throws Exception {
		try (DeliveryLedger ledger = new DeliveryLedger(dir)) {
			ledger.put(new DeliveryLedger.Entry(DeliveryLedger.Status.PENDING, 0, null, action("a-pending")));
			ledger.put(new DeliveryLedger.Entry(DeliveryLedger.Status.DELIVERED, 1, null, action("a-delivered")));
			ledger.put(new DeliveryLedger.Entry(DeliveryLedger.Status.DEAD, 5, "410", action("a-dead")));
			long before = System.currentTimeMillis() - 60_000;
			assertEquals(0, ledger.removeDoneBefore(before), "nothing ended a minute ago");
			assertNotNull(ledger.get("a-delivered"));
			Thread.sleep(2);
			assertEquals(2, ledger.removeDoneBefore(System.currentTimeMillis()));
			assertNull(ledger.get("a-delivered"));
			assertNull(ledger.get("a-dead"));
			assertNotNull(ledger.get("a-pending"));
			List<String> pending = new ArrayList<>();
			ledger.forEachPending(entry -> pending.add(entry.action().id()));
			assertEquals(List.of("a-pending"), pending);
			assertEquals(0, ledger.removeDoneBefore(System.currentTimeMillis()));
		}
	}
}
