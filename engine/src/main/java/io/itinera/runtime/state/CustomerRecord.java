package io.itinera.runtime.state;

import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;

/**
 * A customer as a checkpoint writes them: their encoded slot, whether timers or held events wait in
 * it, and whether a store's pending index may hold them from an earlier record (when neither, a store
 * has nothing to delete there); or, with null bytes, the deletion of an erased customer ({@link #ERASED}).
 */
public record CustomerRecord(byte[] bytes, boolean pendingWork, boolean mayBeIndexedPending) {
	/** The customer was erased: the store deletes them. */
	public static final CustomerRecord ERASED = new CustomerRecord(null, false);

	/** A record whose customer the pending index may hold (a deletion is written when there is no pending work). */
	public CustomerRecord(byte[] bytes, boolean pendingWork) {
		this(bytes, pendingWork, true);
	}

	public static CustomerRecord of(CustomerSlot slot) {
		if (slot.erased()) {
			return ERASED;
		}
		boolean pendingWork = slot.hasPendingWork();
		return new CustomerRecord(SlotCodec.encode(slot), pendingWork, slot.recordedPending(pendingWork));
	}

	public boolean erased() {
		return bytes == null;
	}
}
