package io.itinera.runtime.state;

import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;

/** A customer as a checkpoint writes them: their encoded slot, and whether timers or held events wait in it. */
public record CustomerRecord(byte[] bytes, boolean pendingWork) {
	public static CustomerRecord of(CustomerSlot slot) {
		return new CustomerRecord(SlotCodec.encode(slot), slot.hasPendingWork());
	}
}
