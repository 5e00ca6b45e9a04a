package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerServiceTest {
	@Test
	void firesInDueOrderThenCustomerThenId() {
		TimerService timers = new TimerService();
		timers.set("b", "t", 20);
		timers.set("a", "t2", 20);
		timers.set("a", "t1", 20);
		timers.set("c", "t", 10);

		assertEquals(new TimerRequest("c", "t", 10), timers.pollDue(100));
		assertEquals(new TimerRequest("a", "t1", 20), timers.pollDue(100));
		assertEquals(new TimerRequest("a", "t2", 20), timers.pollDue(100));
		assertEquals(new TimerRequest("b", "t", 20), timers.pollDue(100));
		assertNull(timers.pollDue(100));
	}

	@Test
	void settingAgainReplacesAndCancelRemoves() {
		TimerService timers = new TimerService();
		timers.set("a", "t", 10);
		timers.set("a", "t", 30);
		timers.set("b", "t", 20);
		timers.cancel("b", "t");

		assertEquals(1, timers.size());
		assertEquals(30, timers.nextDue());
		assertNull(timers.pollDue(29));
		assertEquals(List.of(new TimerRequest("a", "t", 30)), timers.pendingFor("a"));
		assertEquals(new TimerRequest("a", "t", 30), timers.pollDue(30));
		assertEquals(List.of(), timers.pendingFor("a"));
		assertEquals(Long.MAX_VALUE, timers.nextDue());
	}

	@Test
	void manyTimersWithCancellationsFireExactlyTheLiveOnesInOrder() {
		TimerService timers = new TimerService();
		SplittableRandom random = new SplittableRandom(5);
		long[] due = new long[50_000];
		for (int i = 0; i < due.length; i++) {
			due[i] = random.nextLong(1_000_000);
			timers.set("c" + i, "t", due[i]);
		}
		for (int i = 0; i < due.length; i += 2) {
			timers.cancel("c" + i, "t");
			due[i] = -1;
		}
		List<Long> expected = new ArrayList<>();
		for (long d : due) {
			if (d >= 0) {
				expected.add(d);
			}
		}
		expected.sort(null);
		List<Long> fired = new ArrayList<>();
		TimerRequest timer;
		while ((timer = timers.pollDue(Long.MAX_VALUE)) != null) {
			fired.add(timer.dueAt());
		}
		assertEquals(expected, fired);
		assertEquals(0, timers.size());
	}
}
