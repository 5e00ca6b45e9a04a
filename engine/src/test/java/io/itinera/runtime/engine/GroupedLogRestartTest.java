package io.itinera.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.LineItemMappingTest;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.step.PlanStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run over a line-item export grouped into events, stopped between barriers and resumed: the same bytes as a whole run. */
class GroupedLogRestartTest {
	private static final JourneyPlan PLAN = EngineFixtures.cartRecovery();
	/** Each invoice a cart of its own: its first item and its total. */
	private static final String MAPPING = "customer=CustomerID:integer,time=InvoiceDate:M/d/yyyy H:mm,event=cart_add,"
			+ "skip.customer=missing,where=Quantity>0,where=InvoiceNo not startswith 'C',group=InvoiceNo,"
			+ "field.productId=first(StockCode),field.price=sum(Quantity*UnitPrice)";

	@TempDir
	Path dir;

	private EventLogSource open(Path log) throws IOException {
		return EventLogSource.open(log, InputFormat.CSV, ColumnMapping.parse(MAPPING), null, ',', EventSchema.of(PLAN));
	}

	private LocalEngine engine(io.itinera.runtime.state.CustomerStateStore store, JsonLinesOutput output) {
		return new LocalEngine(() -> new PlanStep(PLAN, EngineFixtures.rules()), EngineFixtures.scorer(), store, output,
				EngineFixtures.config(2));
	}

	@Test
	void aStoppedGroupedRunResumesToTheSameBytes() throws IOException {
		Path log = dir.resolve("giftware.csv");
		Files.write(log, LineItemMappingTest.giftwareExport(new Random(23), 900));
		EngineSummary whole;
		try (EventLogSource source = open(log); JsonLinesOutput output = new JsonLinesOutput(dir.resolve("whole"))) {
			whole = engine(new InMemoryStateStore(), output).run(source);
		}
		assertTrue(whole.actions() > 50 && whole.linesRead() > 2_000, whole.actions() + " actions, " + whole.linesRead() + " lines");
		Path state = dir.resolve("state");
		Path out = dir.resolve("stopped");
		try (RocksDbStateStore store = new RocksDbStateStore(state); EventLogSource source = open(log);
				JsonLinesOutput output = new JsonLinesOutput(out)) {
			LocalEngine engine = engine(store, output);
			EngineSummary stopped = engine.run(new StoppingSource(source, 1_234, engine::stop));
			assertTrue(stopped.stopped());
		}
		EngineSummary resumed;
		try (RocksDbStateStore store = new RocksDbStateStore(state); EventLogSource source = open(log);
				JsonLinesOutput output = new JsonLinesOutput(out)) {
			resumed = engine(store, output).run(source);
			assertTrue(source.joinedLines() > 0);
		}
		assertTrue(resumed.resumed());
		assertEquals(whole.eventsRead(), resumed.eventsRead());
		EngineFixtures.assertSameOutputs(dir.resolve("whole"), out);
	}
}
