package io.itinera.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.step.PlanStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's timers fire at their event-time moment when that customer's own later events, or
 * the end of the log, pass them: never because another customer's events are later.
 */
class EventTimeTimersTest {
	static final JourneyPlan PLAN = EngineFixtures.cartRecovery();

	@TempDir
	Path dir;

	private EngineSummary run(String... lines) throws IOException {
		Path log = dir.resolve("events.csv");
		Files.write(log, List.of(lines));
		try (EventLogSource source = EngineFixtures.open(log, PLAN); JsonLinesOutput output = new JsonLinesOutput(dir.resolve("out"))) {
			return new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(), new InMemoryStateStore(),
					output, EngineFixtures.config(2)).run(source);
		}
	}

	private List<String> stageChanges() throws IOException {
		return Files.readAllLines(dir.resolve("out").resolve(JsonLinesOutput.STAGE_CHANGES));
	}

	@Test
	void anotherCustomersLaterEventsDoNotFireACustomersTimer() throws IOException {
		EngineSummary summary = run("customer,time,type,productId,price,orderId,amount",
				"c1,2026-03-01T10:00:00Z,cart_add,p1,20,,",
				"c2,2026-03-01T12:00:00Z,product_view,p2,5,,",
				"c1,2026-03-01T10:30:00Z,purchase,,,o1,20");

		assertTrue(stageChanges().stream().noneMatch(line -> line.contains("Abandoned")), stageChanges().toString());
		assertEquals(0, summary.deadLetters());
	}

	@Test
	void anEventEarlierThanWhatWasAppliedForItsCustomerIsALateDeadLetter() throws IOException {
		EngineSummary summary = run("customer,time,type,productId,price",
				"c1,2026-03-01T10:00:00Z,cart_add,p1,20",
				"c1,2026-03-01T12:00:00Z,product_view,p2,5",
				"c1,2026-03-01T11:59:30Z,product_view,p3,5",
				"c1,2026-03-01T09:00:00Z,product_view,p4,5");

		assertEquals(1, summary.deadLetters(), "30 s out of order is put back in order; 3 hours is late");
		assertEquals(1, summary.outOfOrderEvents());
		assertEquals(1, summary.lateEvents());
		String letter = Files.readString(dir.resolve("out").resolve(JsonLinesOutput.DEAD_LETTERS));
		assertTrue(letter.contains("\"line\":5") && letter.contains("late event"), letter);
	}

	@Test
	void aTimerFiresWhenTheLogsTimePassesItsDueMoment() throws IOException {
		EngineSummary summary = run("customer,time,type,productId,price",
				"c1,2026-03-01T10:00:00Z,cart_add,p1,20",
				"c2,2026-03-01T10:30:00Z,product_view,p2,5",
				"c2,2026-03-01T11:00:01Z,product_view,p3,5");

		List<String> changes = stageChanges();
		assertEquals(2, changes.size(), changes.toString());
		assertTrue(changes.get(0).contains("\"customer\":\"c1\"") && changes.get(0).contains("\"from\":null")
				&& changes.get(0).contains("\"to\":\"Carted\""), changes.get(0));
		assertTrue(changes.get(1).contains("\"time\":\"2026-03-01T11:00:00Z\"") && changes.get(1).contains("\"to\":\"Abandoned\""),
				changes.get(1));
		assertEquals(1L, summary.stageCounts().get("Abandoned"));
		assertEquals(1, summary.pendingTimers(), "the one-day timer of Abandoned waits for later events");
	}

	@Test
	void aTimerNotYetDueAtTheEndOfTheLogStaysPending() throws IOException {
		EngineSummary summary = run("customer,time,type,productId,price",
				"c1,2026-03-01T10:00:00Z,cart_add,p1,20",
				"c2,2026-03-01T10:59:59Z,product_view,p2,5");

		assertEquals(1L, summary.stageCounts().get("Carted"));
		assertEquals(1, summary.pendingTimers());
	}

	@Test
	void leavingTheStageCancelsItsTimer() throws IOException {
		EngineSummary summary = run("customer,time,type,productId,price,orderId,amount",
				"c1,2026-03-01T10:00:00Z,cart_add,p1,20,,",
				"c1,2026-03-01T10:20:00Z,purchase,,,o1,20",
				"c2,2026-03-05T00:00:00Z,product_view,p2,5,,");

		assertTrue(stageChanges().stream().noneMatch(line -> line.contains("Abandoned")), stageChanges().toString());
		assertEquals(0, summary.pendingTimers());
	}

	@Test
	void onTheWallClockTimersFireByTheSystemClockNotTheLogsTime() throws IOException {
		Path log = dir.resolve("live.csv");
		long now = System.currentTimeMillis();
		Files.write(log, List.of("customer,time,type,productId,price",
				"old,2020-01-01T10:00:00Z,cart_add,p1,20",
				"fresh," + java.time.Instant.ofEpochMilli(now) + ",cart_add,p2,20"));
		EngineSummary summary;
		try (EventLogSource source = EngineFixtures.open(log, PLAN); JsonLinesOutput output = new JsonLinesOutput(dir.resolve("out"))) {
			summary = new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(), new InMemoryStateStore(),
					output, EngineFixtures.config(2).withDriver(EngineFixtures.config(2).driver().withWallClock(true))).run(source);
		}
		assertEquals(1L, summary.stageCounts().get("Lapsed"), "the 2020 cart's timers were all long due: " + summary.stageCounts());
		assertEquals(1L, summary.stageCounts().get("Carted"), "the fresh cart waits an hour of real time");
		assertEquals(1, summary.pendingTimers());
	}

	@Test
	void aChainOfTimersAllFireWhenTheWatermarkJumpsPastThem() throws IOException {
		run("customer,time,type,productId,price",
				"c1,2026-03-01T10:00:00Z,cart_add,p1,20",
				"c2,2026-03-09T00:00:00Z,product_view,p2,5");

		List<String> changes = stageChanges();
		assertTrue(changes.get(1).contains("\"time\":\"2026-03-01T11:00:00Z\"") && changes.get(1).contains("Abandoned"), changes.toString());
		assertTrue(changes.get(2).contains("\"time\":\"2026-03-02T11:00:00Z\"") && changes.get(2).contains("Lapsed"), changes.toString());
	}
}
