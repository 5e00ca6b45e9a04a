package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WakeUpTimesTest {
	@Test
	void aLaterDueTimeNeedsNoTimerWhileAnEarlierOneWaits() {
		WakeUpTimes times = new WakeUpTimes(10);
		assertTrue(times.claim("c1", 100));
		assertFalse(times.claim("c1", 100), "the same time: Flink has that timer");
		assertFalse(times.claim("c1", 200), "the timer at 100 fires first and registers the next");
		assertTrue(times.claim("c1", 50), "an earlier time needs a timer of its own");
		times.fired("c1", 100);
		assertFalse(times.claim("c1", 70), "the timer at 50 still waits");
		times.fired("c1", 50);
		assertTrue(times.claim("c1", 200));
		times.forget("c1");
		assertTrue(times.claim("c1", 300), "a forgotten customer's next time is registered again");
	}

	@Test
	void neverHoldsMoreCustomersThanItsLimit() {
		WakeUpTimes times = new WakeUpTimes(1_000);
		for (int i = 0; i < 100_000; i++) {
			times.claim("c" + i, i);
			assertTrue(times.size() <= 1_000);
		}
		assertEquals(1_000, times.size());
		assertTrue(times.claim("c0", 5), "the first customers were forgotten: their timers are registered again");
		assertFalse(times.claim("c99999", 100_000), "the latest are remembered");
	}
}
