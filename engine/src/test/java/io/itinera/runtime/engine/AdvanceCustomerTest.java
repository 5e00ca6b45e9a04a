package io.itinera.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StepListener;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link StepDriver#advanceCustomer}: a watermark brings a customer the same inputs, in the same
 * order, as their own later events would; only sooner.
 */
class AdvanceCustomerTest {
	private final List<String> inputs = new ArrayList<>();

	private StepDriver driver() {
		return driver(1);
	}

	private StepDriver driver(int scoreBatch) {
		return new StepDriver(new PlanStep(EventTimeTimersTest.PLAN, EngineFixtures.rules()), DriverSettings.replay().withScoring(scoreBatch, 0),
				EngineFixtures.scorer(), StoredCustomers.NONE, new StepListener() {
					@Override
					public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
						if (input instanceof io.itinera.runtime.step.ScoreUpdate) {
							return;
						}
						inputs.add(input.getClass().getSimpleName() + "@" + Instant.ofEpochMilli(input.at()) + result.stageChanges().stream()
								.map(change -> "->" + change.to()).toList());
					}

					@Override
					public void onLateEvent(Event event, long line, long customerClock, long lateness) {
						inputs.add("late " + Instant.ofEpochMilli(event.at()));
					}

					@Override
					public void onFailedInput(StepInput input, long line, RuntimeException error) {
						throw error;
					}
				});
	}

	private static Event event(String type, String at) {
		return event("c1", type, at);
	}

	private static Event event(String customerId, String type, String at) {
		return new Event(customerId, Instant.parse(at).toEpochMilli(), type, type.equals("cart_add") ? Map.of("productId", "p1", "price", 20.0)
				: Map.of("productId", "p2", "price", 5.0));
	}

	@Test
	void heldEventsThenDueTimersInTimeOrderAsALaterEventWouldBring() {
		StepDriver byEvent = driver();
		byEvent.onEvent(event("cart_add", "2026-03-01T10:00:00Z"), 1);
		byEvent.onEvent(event("product_view", "2026-03-01T10:59:50Z"), 2);
		byEvent.onEvent(event("product_view", "2026-03-01T12:00:00Z"), 3);
		byEvent.finish(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());
		List<String> expected = new ArrayList<>(inputs);
		inputs.clear();

		StepDriver byWatermark = driver();
		byWatermark.onEvent(event("cart_add", "2026-03-01T10:00:00Z"), 1);
		byWatermark.onEvent(event("product_view", "2026-03-01T10:59:50Z"), 2);
		byWatermark.advanceCustomer("c1", Instant.parse("2026-03-01T11:30:00Z").toEpochMilli());
		assertEquals(expected.subList(0, 3), inputs, "the held view, then the timer");
		byWatermark.onEvent(event("product_view", "2026-03-01T12:00:00Z"), 3);
		byWatermark.finish(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());

		assertEquals(4, expected.size(), expected.toString());
		assertEquals(expected, inputs);
	}

	@Test
	void nothingBeyondTheWatermarkMoves() {
		StepDriver driver = driver();
		driver.onEvent(event("cart_add", "2026-03-01T10:00:00Z"), 1);
		driver.onEvent(event("product_view", "2026-03-01T10:59:50Z"), 2);
		List<String> before = List.copyOf(inputs);

		driver.advanceCustomer("c1", Instant.parse("2026-03-01T10:59:49Z").toEpochMilli());

		assertEquals(before, inputs, "the held view and the 11:00 timer wait");
		driver.advanceCustomer("c1", Instant.parse("2026-03-01T10:59:59Z").toEpochMilli());
		assertEquals(before.size() + 1, inputs.size(), "the view goes, the timer waits: " + inputs);
	}

	@Test
	void customersWokenTogetherWaitForOneBatchAndThenGoOnAsOneAtATime() {
		long watermark = Instant.parse("2026-03-01T13:00:00Z").toEpochMilli();
		StepDriver oneAtATime = driver(256);
		for (String customer : List.of("c1", "c2")) {
			oneAtATime.onEvent(event(customer, "cart_add", "2026-03-01T10:00:00Z"), 1);
		}
		oneAtATime.advanceCustomer("c1", watermark);
		oneAtATime.advanceCustomer("c2", watermark);
		List<String> expected = List.copyOf(inputs);
		inputs.clear();

		StepDriver together = driver(256);
		for (String customer : List.of("c1", "c2")) {
			together.onEvent(event(customer, "cart_add", "2026-03-01T10:00:00Z"), 1);
		}
		List<String> waiting = new ArrayList<>();
		for (String customer : List.of("c1", "c2")) {
			if (!together.advanceCustomerUnlessWaiting(customer, watermark)) {
				waiting.add(customer);
			}
		}
		assertEquals(List.of("c1", "c2"), waiting, "each abandoned cart asks for its intent score: " + inputs);
		together.drainScores();
		for (String customer : waiting) {
			assertEquals(true, together.advanceCustomerUnlessWaiting(customer, watermark));
		}

		assertEquals(4, expected.size(), expected.toString());
		assertEquals(expected.stream().sorted().toList(), inputs.stream().sorted().toList());
	}
}
