package io.itinera.runtime.driver;

/**
 * One of {@code of} slices of all customers, by a 16-bit hash of the id (a bucket): the end of a
 * replay is done one slice at a time, each written by a checkpoint of its own, so the customers read
 * back for their last timers never all sit in memory. Stores key pending customers by bucket, so a
 * slice is one range of keys. A customer's slice depends on their id alone, not on the number of
 * workers.
 */
public record CustomerSlice(int index, int of) {
	public static final int BUCKETS = 1 << 16;
	public static final CustomerSlice ALL = new CustomerSlice(0, 1);

	public CustomerSlice {
		if (of < 1 || of > BUCKETS || index < 0 || index >= of) {
			throw new IllegalArgumentException("slice " + index + " of " + of);
		}
	}

	public static int bucketOf(String customerId) {
		return (customerId.hashCode() * 0x85EBCA6B) >>> 16;
	}

	public boolean contains(String customerId) {
		int bucket = bucketOf(customerId);
		return bucket >= firstBucket() && bucket < endBucket();
	}

	public int firstBucket() {
		return (int) ((long) index * BUCKETS / of);
	}

	/** The first bucket after the slice. */
	public int endBucket() {
		return (int) ((long) (index + 1) * BUCKETS / of);
	}

	/** Enough slices that each holds about as many customers as fit in memory. */
	public static int slicesFor(long customers, long customersInMemory) {
		return (int) Math.max(1, Math.min(1024, (customers + customersInMemory - 1) / Math.max(1, customersInMemory)));
	}
}
