package io.itinera.runtime.driver;

/** A 64-bit hash of a customer id, for tables keyed by primitive longs (the driver's slot index, a replay's first pass). */
public final class CustomerIdHash {
	private CustomerIdHash() {
	}

	/** FNV-1a over the chars, then mixed; never 0 (which such tables keep for an empty entry). */
	public static long of(String id) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < id.length(); i++) {
			hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		return hash == 0 ? 1 : hash;
	}
}
