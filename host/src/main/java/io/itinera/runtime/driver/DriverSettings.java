package io.itinera.runtime.driver;

/**
 * How a {@link StepDriver} keeps time and memory.
 *
 * @param wallClock false: every customer's time is the time of their own inputs (replay); true:
 *        timers also fire by the system clock (live)
 * @param latenessMillis how late an event may come within one customer and still be put back in
 *        order: an event is held until the customer's own later events (or, live, the clock) pass
 *        its time by this much
 * @param scoreBatch the most rows one scorer call gets
 * @param scoreMaxWaitMicros live: how long a score request may wait for others to fill its batch
 * @param customersInMemory how many customers the driver keeps before its host should write the
 *        changed ones and let go of the rest
 */
public record DriverSettings(boolean wallClock, long latenessMillis, int scoreBatch, long scoreMaxWaitMicros,
		int customersInMemory) {
	public static final long DEFAULT_LATENESS_MILLIS = 60_000;

	public DriverSettings {
		if (latenessMillis < 0) {
			throw new IllegalArgumentException("lateness cannot be negative");
		}
		if (scoreBatch < 1 || customersInMemory < 1) {
			throw new IllegalArgumentException("score batch and customers in memory must be positive");
		}
	}

	public static DriverSettings replay() {
		return new DriverSettings(false, DEFAULT_LATENESS_MILLIS, 256, 2_000, Integer.MAX_VALUE);
	}

	public DriverSettings withWallClock(boolean live) {
		return new DriverSettings(live, latenessMillis, scoreBatch, scoreMaxWaitMicros, customersInMemory);
	}

	public DriverSettings withLateness(long millis) {
		return new DriverSettings(wallClock, millis, scoreBatch, scoreMaxWaitMicros, customersInMemory);
	}

	public DriverSettings withScoring(int batch, long maxWaitMicros) {
		return new DriverSettings(wallClock, latenessMillis, batch, maxWaitMicros, customersInMemory);
	}

	public DriverSettings withCustomersInMemory(int customers) {
		return new DriverSettings(wallClock, latenessMillis, scoreBatch, scoreMaxWaitMicros, customers);
	}
}
