package io.itinera.runtime.simulate;

import java.util.Arrays;

/**
 * Conversions measured from a message: per slot (a rule, or a split's campaigns), the customers who got
 * one of its messages and had a goal event later in time than one of them and at most the window after it
 * ({@code send < goal ≤ send + window}). Counted once per customer and slot, from the customer's goal
 * events (the step's {@code GoalEvent}s, in the journey or not). A customer's track keeps, per slot, the
 * latest send and the latest one before it (a send at the very instant of a goal event does not count
 * for it, an earlier one may): two times per slot, whatever the number of messages.
 */
final class ConversionsAfterSend {
	private final long windowMillis;
	private final int slots;
	private final long[] sent;
	private final long[] converted;

	ConversionsAfterSend(long windowMillis, int slots) {
		this.windowMillis = windowMillis;
		this.slots = slots;
		this.sent = new long[slots];
		this.converted = new long[slots];
	}

	/** A message of {@code slot} to the customer at {@code at} (the customer's messages come in time order). */
	void sent(CustomerTrack track, int slot, long at) {
		if (track.sendTimes == null) {
			track.sendTimes = new long[2 * slots];
			Arrays.fill(track.sendTimes, CustomerTrack.NEVER);
			track.sendSlots = new long[(slots + 63) / 64];
			track.sendSlotsConverted = new long[track.sendSlots.length];
		}
		if (CustomerTrack.set(track.sendSlots, slot)) {
			sent[slot]++;
		}
		int latest = 2 * slot;
		if (at > track.sendTimes[latest]) {
			track.sendTimes[latest + 1] = track.sendTimes[latest];
			track.sendTimes[latest] = at;
		} else if (at < track.sendTimes[latest] && at > track.sendTimes[latest + 1]) {
			track.sendTimes[latest + 1] = at;
		}
	}

	/** A goal event of the customer at {@code at}: it converts every slot with a message before it, within the window. */
	void goalEvent(CustomerTrack track, long at) {
		if (track.sendTimes == null) {
			return;
		}
		for (int slot = 0; slot < slots; slot++) {
			if (CustomerTrack.has(track.sendSlotsConverted, slot)) {
				continue;
			}
			long send = track.sendTimes[2 * slot] < at ? track.sendTimes[2 * slot] : track.sendTimes[2 * slot + 1];
			if (send != CustomerTrack.NEVER && send < at && at - send <= windowMillis) {
				CustomerTrack.set(track.sendSlotsConverted, slot);
				converted[slot]++;
			}
		}
	}

	/** Customers who got a message of the slot. */
	long sent(int slot) {
		return sent[slot];
	}

	/** Those of them with a goal event within the window after one of its messages. */
	long converted(int slot) {
		return converted[slot];
	}

	long windowMillis() {
		return windowMillis;
	}
}
