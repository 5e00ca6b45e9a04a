package io.itinera.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.step.PlanStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEngineTest {
	@TempDir
	static Path shared;
	static Path log;
	static final JourneyPlan PLAN = EngineFixtures.cartRecovery();

	@TempDir
	Path dir;

	@BeforeAll
	static void writeLog() throws IOException {
		log = EngineFixtures.syntheticLog(shared, 8_000, 600, 3);
	}

	private EngineSummary run(Path out, CustomerStateStore store, int workers, EventSource source) throws IOException {
		try (JsonLinesOutput output = new JsonLinesOutput(out)) {
			return new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(), store, output,
					EngineFixtures.config(workers)).run(source);
		}
	}

	private EngineSummary run(Path out, CustomerStateStore store, int workers) throws IOException {
		try (EventLogSource source = EngineFixtures.open(log, PLAN)) {
			return run(out, store, workers, source);
		}
	}

	@Test
	void sameLogGivesTheSameOutputsWithOneOrTwoWorkers() throws IOException {
		EngineSummary one = run(dir.resolve("one"), new InMemoryStateStore(), 1);
		EngineSummary two = run(dir.resolve("two"), new InMemoryStateStore(), 2);
		EngineSummary twoAgain = run(dir.resolve("two-again"), new InMemoryStateStore(), 2);

		assertTrue(one.actions() > 20, "the log must produce actions, got " + one.actions());
		assertTrue(one.stageCounts().getOrDefault("Lapsed", 0L) > 0, one.stageCounts().toString());
		assertTrue(one.rowsScored() > 0);
		for (String file : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES)) {
			String expected = Files.readString(dir.resolve("one").resolve(file));
			assertEquals(expected, Files.readString(dir.resolve("two").resolve(file)), file);
			assertEquals(expected, Files.readString(dir.resolve("two-again").resolve(file)), file);
		}
		assertEquals(one.stageCounts(), two.stageCounts());
		assertEquals(one.customers(), two.customers());
		assertEquals(one.pendingTimers(), two.pendingTimers());
		assertEquals(twoAgain.stageCounts(), two.stageCounts());
	}

	@Test
	void customersBeyondWhatMemoryHoldsAreLetGoAndReadBackWithTheSameResults() throws IOException {
		EngineSummary unbounded = run(dir.resolve("unbounded"), new InMemoryStateStore(), 2);
		EngineSummary bounded;
		try (EventLogSource source = EngineFixtures.open(log, PLAN);
				JsonLinesOutput output = new JsonLinesOutput(dir.resolve("bounded"))) {
			EngineConfig tight = EngineFixtures.config(2).withDriver(EngineFixtures.config(2).driver().withCustomersInMemory(40));
			bounded = new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(),
					new InMemoryStateStore(), output, tight).run(source);
		}
		assertTrue(unbounded.customers() > 400, "many more customers than the 80 kept: " + unbounded.customers());
		for (String file : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES)) {
			assertEquals(sortedLines(dir.resolve("unbounded").resolve(file)), sortedLines(dir.resolve("bounded").resolve(file)), file);
		}
		assertEquals(unbounded.stageCounts(), bounded.stageCounts());
		assertEquals(unbounded.customers(), bounded.customers());
		assertEquals(unbounded.pendingTimers(), bounded.pendingTimers());
	}

	@Test
	void theEndOfAReplayReadsStoredCustomersBackFromRocksDbToTheSameBytes() throws IOException {
		EngineConfig tight = EngineFixtures.config(2).withDriver(EngineFixtures.config(2).driver().withCustomersInMemory(40));
		EngineSummary oneByOne = runWith(dir.resolve("in-memory"), new InMemoryStateStore(), tight);
		EngineSummary inKeyOrder;
		try (RocksDbStateStore store = new RocksDbStateStore(dir.resolve("state"))) {
			inKeyOrder = runWith(dir.resolve("rocksdb"), store, tight);
		}
		assertTrue(oneByOne.pendingTimers() > 0, "some timers are due after the end: " + oneByOne.pendingTimers());
		EngineFixtures.assertSameOutputs(dir.resolve("in-memory"), dir.resolve("rocksdb"));
		assertEquals(oneByOne.stageCounts(), inKeyOrder.stageCounts());
		assertEquals(oneByOne.pendingTimers(), inKeyOrder.pendingTimers());
		assertEquals(run(dir.resolve("unbounded"), new InMemoryStateStore(), 2).pendingTimers(), inKeyOrder.pendingTimers());
	}

	private EngineSummary runWith(Path out, CustomerStateStore store, EngineConfig config) throws IOException {
		try (EventLogSource source = EngineFixtures.open(log, PLAN); JsonLinesOutput output = new JsonLinesOutput(out)) {
			return new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(), store, output, config)
					.run(source);
		}
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}

	@Test
	void aStoppedRunResumesFromItsCheckpointWithNothingLostOrRepeated() throws IOException {
		EngineSummary whole = run(dir.resolve("whole"), new InMemoryStateStore(), 2);

		Path state = dir.resolve("state");
		Path out = dir.resolve("resumed");
		try (RocksDbStateStore store = new RocksDbStateStore(state); EventLogSource source = EngineFixtures.open(log, PLAN)) {
			EventSource crashing = new CrashingSource(source, 4_321, store);
			assertThrows(IOException.class, () -> run(out, store, 2, crashing));
		}
		long partialActions = Files.lines(out.resolve(JsonLinesOutput.ACTIONS)).count();
		assertTrue(partialActions > 0 && partialActions < whole.actions(), "stopped half-way: " + partialActions);

		EngineSummary resumed;
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			resumed = run(out, store, 1);
		}
		assertTrue(resumed.resumed());
		assertTrue(resumed.eventsThisRun() < whole.eventsRead());
		assertEquals(whole.stageCounts(), resumed.stageCounts());
		assertEquals(whole.actions(), resumed.actions());
		assertEquals(whole.customers(), resumed.customers());
		assertEquals(whole.eventsRead(), resumed.eventsRead());
		EngineFixtures.assertSameOutputs(dir.resolve("whole"), out);
		Set<String> ids = new HashSet<>();
		for (String line : Files.readAllLines(out.resolve(JsonLinesOutput.ACTIONS))) {
			assertTrue(ids.add(line.substring(7, 23)), "duplicate action " + line);
		}

		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			EngineSummary again = run(out, store, 2);
			assertEquals(0, again.eventsThisRun(), "a finished run has nothing left to read");
			assertEquals(whole.actions(), again.actions());
		}
		assertEquals(Files.readString(dir.resolve("whole").resolve(JsonLinesOutput.ACTIONS)),
				Files.readString(out.resolve(JsonLinesOutput.ACTIONS)));
	}

	@Test
	void aStateDirectoryOfAnotherRunIsRefused() throws IOException {
		Path state = dir.resolve("state");
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			run(dir.resolve("a"), store, 1);
		}
		try (RocksDbStateStore store = new RocksDbStateStore(state); EventLogSource source = EngineFixtures.open(log, PLAN);
				JsonLinesOutput output = new JsonLinesOutput(dir.resolve("b"))) {
			LocalEngine other = new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(), store,
					output, EngineFixtures.config(1).withRunName("Other over other.csv"));
			EngineException refused = assertThrows(EngineException.class, () -> other.run(source));
			assertTrue(refused.getMessage().contains("--state"), refused.getMessage());
		}
	}

	@Test
	void aFailingScorerStopsTheRunWithItsMessage() throws IOException {
		try (EventLogSource source = EngineFixtures.open(log, PLAN); JsonLinesOutput output = new JsonLinesOutput(dir)) {
			LocalEngine engine = new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), (model, rows) -> {
				throw new IllegalStateException("model intent.onnx is corrupt");
			}, new InMemoryStateStore(), output, EngineFixtures.config(2));
			EngineException failed = assertThrows(EngineException.class, () -> engine.run(source));
			assertTrue(failed.getMessage().contains("intent.onnx is corrupt"), failed.getMessage());
		}
		assertFalse(Thread.getAllStackTraces().keySet().stream()
				.anyMatch(thread -> thread.getName().startsWith("itinera-worker") && thread.isAlive() && thread.getState() == Thread.State.RUNNABLE));
	}

	@Test
	void aRunStoppedBetweenBarriersResumesToTheSameBytes() throws IOException {
		run(dir.resolve("whole"), new InMemoryStateStore(), 2);
		Path state = dir.resolve("state");
		Path out = dir.resolve("stopped");
		try (RocksDbStateStore store = new RocksDbStateStore(state); EventLogSource source = EngineFixtures.open(log, PLAN);
				JsonLinesOutput output = new JsonLinesOutput(out)) {
			LocalEngine engine = new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(), store,
					output, EngineFixtures.config(2));
			// line 4,321 is in the middle of a 500-line barrier interval
			EngineSummary stopped = engine.run(new StoppingSource(source, 4_321, engine::stop));
			assertTrue(stopped.stopped());
		}
		EngineSummary resumed;
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			resumed = run(out, store, 2);
		}
		assertTrue(resumed.resumed());
		EngineFixtures.assertSameOutputs(dir.resolve("whole"), out);
	}

	/** A source that fails after a number of lines, as a killed process would stop reading. */
	private static final class CrashingSource extends PassingSource {
		private final long failAfter;
		private final CustomerStateStore store;

		CrashingSource(EventSource source, long failAfter, CustomerStateStore store) {
			super(source);
			this.failAfter = failAfter;
			this.store = store;
		}

		/** Fails once past {@code failAfter} lines and a checkpoint has been committed (the committer runs behind the reader). */
		@Override
		public SourceRecord next() throws IOException {
			if (lines + 1 > failAfter) {
				long deadline = System.nanoTime() + 10_000_000_000L;
				while (store.progress().isEmpty() && System.nanoTime() < deadline) {
					Thread.onSpinWait();
				}
				throw new IOException("disk gone");
			}
			return super.next();
		}
	}
}
