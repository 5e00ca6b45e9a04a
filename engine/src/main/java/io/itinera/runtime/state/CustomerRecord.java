package io.itinera.runtime.state;

import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;

/**
 * A customer as a checkpoint writes them: their encoded slot, and whether timers or held events wait in
 * it; or, with null bytes, the deletion of an erased customer ({@link #ERASED}).
 */
public record CustomerRecord(byte[] bytes, boolean pendingWork) {
	/** The customer was erased: the store deletes them. */
	public static final CustomerRecord ERASED = new CustomerRecord(null, false);

	public static CustomerRecord of(CustomerSlot slot) {
		return slot.erased() ? ERASED : new CustomerRecord(SlotCodec.encode(slot), slot.hasPendingWork());
	}

	public boolean erased() {
		return bytes == null;
	}
}
