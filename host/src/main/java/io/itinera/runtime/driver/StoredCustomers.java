package io.itinera.runtime.driver;

import io.itinera.runtime.erasure.ErasedCustomers;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Customers a driver let go of, or that an earlier run left: read back on demand. */
public interface StoredCustomers {
	StoredCustomers NONE = new StoredCustomers() {
		@Override
		public byte[] load(String customerId) {
			return null;
		}

		@Override
		public void forEachWithPendingWork(CustomerSlice slice, Consumer<String> customerId) {
		}
	};

	/** The customer's slot as {@link SlotCodec} wrote it, or null for a customer never stored. */
	byte[] load(String customerId);

	/**
	 * Reads many customers at once, in whatever order is cheapest for the store (RocksDB: key order, in
	 * batches): {@code customer} gets each id with its {@link #load} bytes, null for one never stored.
	 */
	default void loadAll(List<String> customerIds, BiConsumer<String, byte[]> customer) {
		for (String id : customerIds) {
			customer.accept(id, load(id));
		}
	}

	/** Every stored customer of the slice with pending timers or held events. */
	void forEachWithPendingWork(CustomerSlice slice, Consumer<String> customerId);

	/** The customers erased from this state: the driver drops their events. None unless the store keeps a list. */
	default ErasedCustomers erasedCustomers() {
		return NO_ERASED;
	}

	/** An empty list that nothing persists, for stores that keep none. */
	ErasedCustomers NO_ERASED = ErasedCustomers.fresh(null);
}
