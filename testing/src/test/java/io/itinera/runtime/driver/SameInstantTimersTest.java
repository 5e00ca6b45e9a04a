package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import io.itinera.runtime.testing.StepHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Timers of one customer due at the same instant fire in {@link TimerOrder} (by id), whatever order
 * they were set in, through every way the driver fires timers: a later event, a watermark, the end
 * of a replay, a slot read back from its bytes, a migration that sets a timer again, and the live
 * timer heap.
 */
class SameInstantTimersTest {
	private static final long T0 = 1_772_000_000_000L;
	private static final long HOUR = 3_600_000L;

	/** The ids of the timers the harness fired, in order, per customer. */
	private static List<String> fired(StepHarness harness, String customer) {
		return harness.applied().stream()
				.filter(a -> a.customerId().equals(customer) && a.input() instanceof TimerFired)
				.map(a -> ((TimerFired) a.input()).timerId()).toList();
	}

	private static StepHarness setInBothOrders() {
		StepHarness harness = StepHarness.of(new TimerScript());
		harness.event(TimerScript.set("ab", T0, "a,b", HOUR));
		harness.event(TimerScript.set("ba", T0, "b,a", HOUR));
		return harness;
	}

	@Test
	void aLaterEventFiresThemInIdOrder() {
		StepHarness harness = setInBothOrders();
		harness.event(TimerScript.set("ab", T0 + 2 * HOUR, "", 0));
		harness.event(TimerScript.set("ba", T0 + 2 * HOUR, "", 0));
		assertEquals(List.of("a", "b"), fired(harness, "ab"));
		assertEquals(List.of("a", "b"), fired(harness, "ba"));
	}

	@Test
	void aWatermarkFiresThemInIdOrder() {
		StepHarness harness = setInBothOrders();
		harness.advanceTo(T0 + HOUR);
		assertEquals(List.of("a", "b"), fired(harness, "ab"));
		assertEquals(List.of("a", "b"), fired(harness, "ba"));
	}

	@Test
	void theEndOfAReplayFiresThemInIdOrder() {
		StepHarness harness = setInBothOrders();
		harness.finish(T0 + HOUR);
		assertEquals(List.of("a", "b"), fired(harness, "ab"));
		assertEquals(List.of("a", "b"), fired(harness, "ba"));
	}

	@Test
	void anEarlierTimerStillFiresFirst() {
		StepHarness harness = StepHarness.of(new TimerScript());
		harness.event(TimerScript.set("c", T0, "a", 2 * HOUR));
		harness.event(TimerScript.set("c", T0, "z", HOUR));
		assertEquals(List.of(new TimerRequest("c", "z", T0 + HOUR), new TimerRequest("c", "a", T0 + 2 * HOUR)), harness.timers("c"));
		harness.advanceTo(T0 + 2 * HOUR);
		assertEquals(List.of("z", "a"), fired(harness, "c"));
	}

	@Test
	void aTimerSetAgainKeepsItsPlace() {
		StepHarness harness = StepHarness.of(new TimerScript());
		harness.event(TimerScript.set("c", T0, "a,b", HOUR));
		harness.event(TimerScript.cancel("c", T0 + 1, "a"));
		harness.event(TimerScript.set("c", T0 + 1, "a", HOUR - 1)); // a again, now set after b, due at the same instant
		harness.advanceTo(T0 + HOUR);
		assertEquals(List.of("a", "b"), fired(harness, "c"));
	}

	@Test
	void aSlotReadBackFromItsBytesFiresInTheSameOrder() {
		CustomerSlot slot = new CustomerSlot("c", new TimerScript().initialState("c"));
		slot.setTimer("b", T0);
		slot.setTimer("a", T0);
		slot.setTimer("c", T0 - 1);
		CustomerSlot read = SlotCodec.decode("c", SlotCodec.encode(slot));
		assertEquals(List.of("c", "a", "b"), firingOrder(slot));
		assertEquals(List.of("c", "a", "b"), firingOrder(read));
	}

	@Test
	void aCustomerLetGoAndReadBackFromTheStoreFiresInTheSameOrder() {
		Map<String, byte[]> store = new HashMap<>();
		List<String> fired = new ArrayList<>();
		StepDriver driver = new StepDriver(new TimerScript(), DriverSettings.replay().withLateness(0), null, new StoredCustomers() {
			@Override
			public byte[] load(String customerId) {
				return store.get(customerId);
			}

			@Override
			public void forEachWithPendingWork(CustomerSlice slice, Consumer<String> customerId) {
				store.keySet().forEach(customerId);
			}
		}, new StepListener() {
			@Override
			public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
				if (input instanceof TimerFired timer) {
					fired.add(timer.timerId());
				}
			}

			@Override
			public void onLateEvent(Event event, long line, long customerClock, long lateness) {
			}

			@Override
			public void onFailedInput(StepInput input, long line, RuntimeException error) {
				throw error;
			}
		});
		driver.onEvent(TimerScript.set("c", T0, "b,a", HOUR), 1);
		driver.drainChanged(slot -> store.put(slot.customerId(), SlotCodec.encode(slot)));
		driver.evictUnchanged(0);
		assertEquals(0, driver.customersInMemory(), "let go, as a run's checkpoint does");
		driver.finish(T0 + HOUR);
		assertEquals(List.of("a", "b"), fired);
	}

	@Test
	void aMigrationThatSetsATimerAgainKeepsItsPlace() {
		CustomerSlot slot = new CustomerSlot("c", new TimerScript().initialState("c"));
		slot.setTimer("a", T0);
		slot.setTimer("b", T0);
		slot.migrate(slot.state(), List.of("a"), List.of(new TimerRequest("c", "a", T0)));
		assertEquals(List.of("a", "b"), firingOrder(slot));
	}

	@Test
	void theLiveTimerHeapAgrees() {
		TimerService live = new TimerService();
		live.set("c", "b", T0);
		live.set("c", "a", T0);
		assertEquals("a", live.pollDue(T0).timerId());
		assertEquals("b", live.pollDue(T0).timerId());
	}

	@Test
	void aSlotsPendingTimersAreListedInFiringOrder() {
		StepHarness harness = StepHarness.of(new TimerScript());
		harness.event(TimerScript.set("c", T0, "b,a", HOUR));
		assertEquals(List.of(new TimerRequest("c", "a", T0 + HOUR), new TimerRequest("c", "b", T0 + HOUR)), harness.timers("c"));
	}

	/** The slot's timers as the driver fires them (each removed once due). */
	private static List<String> firingOrder(CustomerSlot slot) {
		List<String> order = new java.util.ArrayList<>();
		int next;
		while ((next = slot.dueTimer(Long.MAX_VALUE)) >= 0) {
			order.add(slot.timerIds[next]);
			slot.removeTimer(next);
		}
		return order;
	}
}
