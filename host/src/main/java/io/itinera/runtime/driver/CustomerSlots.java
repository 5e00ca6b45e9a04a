package io.itinera.runtime.driver;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The customers a driver holds in memory, found by id once per input. A {@code HashMap} owns them
 * and gives the order every walk over them follows (the end of a replay, eviction, the simulator's
 * report); a short id (at most 7 Latin-1 characters, as most logs' ids are) is also packed into a
 * {@code long}, the key of an open-addressing table beside the slots: a look-up compares numbers
 * in one array instead of following a map entry to its key's characters.
 */
final class CustomerSlots {
	private final Map<String, CustomerSlot> byId = new HashMap<>();
	private long[] packedKeys = new long[1 << 10];
	private CustomerSlot[] packedSlots = new CustomerSlot[1 << 10];
	private int packedCount;
	private final char[] idChars = new char[7];

	CustomerSlot get(String customerId) {
		long key = key(customerId);
		if (key == 0) {
			return byId.get(customerId);
		}
		int mask = packedKeys.length - 1;
		for (int i = mix(key) & mask;; i = (i + 1) & mask) {
			if (packedKeys[i] == key) {
				return packedSlots[i];
			}
			if (packedKeys[i] == 0) {
				return null;
			}
		}
	}

	boolean contains(String customerId) {
		return get(customerId) != null;
	}

	void put(CustomerSlot slot) {
		byId.put(slot.customerId, slot);
		long key = key(slot.customerId);
		if (key != 0) {
			if (2 * (packedCount + 1) > packedKeys.length) {
				grow();
			}
			if (insert(packedKeys, packedSlots, key, slot)) {
				packedCount++;
			}
		}
	}

	/** Lets go of a customer (erasure); returns their slot, or null when it was not held. */
	CustomerSlot remove(String customerId) {
		CustomerSlot slot = byId.remove(customerId);
		if (slot != null) {
			removePacked(customerId);
		}
		return slot;
	}

	int size() {
		return byId.size();
	}

	Iterable<CustomerSlot> values() {
		return byId.values();
	}

	/** The slots in the map's order; {@code remove} lets go of the last one returned. */
	Iterator<CustomerSlot> iterator() {
		Iterator<CustomerSlot> all = byId.values().iterator();
		return new Iterator<>() {
			private CustomerSlot last;

			@Override
			public boolean hasNext() {
				return all.hasNext();
			}

			@Override
			public CustomerSlot next() {
				last = all.next();
				return last;
			}

			@Override
			public void remove() {
				all.remove();
				removePacked(last.customerId);
			}
		};
	}

	/** True when the key was new. */
	private static boolean insert(long[] keys, CustomerSlot[] slots, long key, CustomerSlot slot) {
		int mask = keys.length - 1;
		int i = mix(key) & mask;
		while (keys[i] != 0 && keys[i] != key) {
			i = (i + 1) & mask;
		}
		boolean added = keys[i] == 0;
		keys[i] = key;
		slots[i] = slot;
		return added;
	}

	private void grow() {
		long[] keys = new long[packedKeys.length * 2];
		CustomerSlot[] slots = new CustomerSlot[keys.length];
		for (int i = 0; i < packedKeys.length; i++) {
			if (packedKeys[i] != 0) {
				insert(keys, slots, packedKeys[i], packedSlots[i]);
			}
		}
		packedKeys = keys;
		packedSlots = slots;
	}

	/** Removes a packed key, moving later keys of its run back so every key stays reachable from its home. */
	private void removePacked(String customerId) {
		long key = key(customerId);
		if (key == 0) {
			return;
		}
		int mask = packedKeys.length - 1;
		int hole = mix(key) & mask;
		while (packedKeys[hole] != key) {
			if (packedKeys[hole] == 0) {
				return;
			}
			hole = (hole + 1) & mask;
		}
		packedCount--;
		for (int next = (hole + 1) & mask; packedKeys[next] != 0; next = (next + 1) & mask) {
			int home = mix(packedKeys[next]) & mask;
			// the key at next may move to the hole unless its home lies cyclically after the hole, up to next
			boolean homeAfterHole = hole <= next ? home > hole && home <= next : home > hole || home <= next;
			if (!homeAfterHole) {
				packedKeys[hole] = packedKeys[next];
				packedSlots[hole] = packedSlots[next];
				hole = next;
			}
		}
		packedKeys[hole] = 0;
		packedSlots[hole] = null;
	}

	/** The id's characters and length in one long (never 0), or 0 for an id too long or not Latin-1. */
	static long pack(String id) {
		return pack(id, new char[7]);
	}

	/** {@link #pack} with this table's scratch chars: once per input. */
	private long key(String id) {
		return pack(id, idChars);
	}

	private static long pack(String id, char[] chars) {
		int length = id.length();
		if (length == 0 || length > 7) {
			return 0;
		}
		// one copy of the chars, then a plain array loop: a call per String.charAt costs more under the client compiler
		id.getChars(0, length, chars, 0);
		long packed = length;
		for (int i = 0; i < length; i++) {
			char c = chars[i];
			if (c > 0xFF) {
				return 0;
			}
			packed = packed << 8 | c;
		}
		return packed;
	}

	private static int mix(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h >>> 32);
	}
}
