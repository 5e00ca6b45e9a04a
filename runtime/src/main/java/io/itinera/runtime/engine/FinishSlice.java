package io.itinera.runtime.engine;

/**
 * One of the {@code of} slices in which the end of a replay is done, each written by a checkpoint
 * of its own, so that customers read back for their last timers never all sit in memory at once.
 * A customer's slice depends on their id alone, not on the number of workers.
 */
record FinishSlice(int index, int of) {
	boolean contains(String customerId) {
		return of == 1 || Math.floorMod(customerId.hashCode() * 0x85EBCA6B, of) == index;
	}

	/** Enough slices that each holds about as many customers as the workers keep in memory together. */
	static int slicesFor(long customers, long customersInMemory) {
		return (int) Math.max(1, Math.min(1024, (customers + customersInMemory - 1) / Math.max(1, customersInMemory)));
	}
}
