package io.itinera.runtime.driver;

/**
 * The driver's customers by a 64-bit hash of their id, beside its map of slots (which keeps their
 * order): open addressing over primitive keys, so a look-up reads no map node and walks no chain of
 * strings; a hit is confirmed by the slot's own id.
 */
final class SlotIndex {
	private long[] keys = new long[1 << 12];
	private CustomerSlot[] slots = new CustomerSlot[1 << 12];
	private int size;

	/** The customer's slot, or null. */
	CustomerSlot get(String customerId) {
		long key = CustomerIdHash.of(customerId);
		int mask = keys.length - 1;
		for (int i = home(key, mask); keys[i] != 0; i = (i + 1) & mask) {
			if (keys[i] == key && slots[i].customerId.equals(customerId)) {
				return slots[i];
			}
		}
		return null;
	}

	/** Adds a slot whose customer is not in the index. */
	void add(CustomerSlot slot) {
		if ((size + 1) * 2 > keys.length) {
			grow();
		}
		insert(CustomerIdHash.of(slot.customerId), slot);
		size++;
	}

	/** Removes the slot (backward-shift deletion: no tombstones). */
	void remove(CustomerSlot slot) {
		long key = CustomerIdHash.of(slot.customerId);
		int mask = keys.length - 1;
		int i = home(key, mask);
		while (slots[i] != slot) {
			if (keys[i] == 0) {
				return;
			}
			i = (i + 1) & mask;
		}
		int gap = i;
		for (int j = (gap + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
			int wanted = home(keys[j], mask);
			// the entry at j may move back into the gap unless its home lies cyclically after the gap, up to j
			boolean staysAfterGap = gap <= j ? gap < wanted && wanted <= j : gap < wanted || wanted <= j;
			if (!staysAfterGap) {
				keys[gap] = keys[j];
				slots[gap] = slots[j];
				gap = j;
			}
		}
		keys[gap] = 0;
		slots[gap] = null;
		size--;
	}

	private void insert(long key, CustomerSlot slot) {
		int mask = keys.length - 1;
		int i = home(key, mask);
		while (keys[i] != 0) {
			i = (i + 1) & mask;
		}
		keys[i] = key;
		slots[i] = slot;
	}

	private void grow() {
		long[] oldKeys = keys;
		CustomerSlot[] oldSlots = slots;
		keys = new long[oldKeys.length * 2];
		slots = new CustomerSlot[oldKeys.length * 2];
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				insert(oldKeys[i], oldSlots[i]);
			}
		}
	}

	private static int home(long key, int mask) {
		return (int) (key ^ (key >>> 32)) & mask;
	}
}
