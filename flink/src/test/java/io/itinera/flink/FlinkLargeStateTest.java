package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.itinera.dsl.JourneyStandaloneSetup;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.step.PlanStep;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: a replay whose keyed state outgrows 5 MB per subtask (Flink's limit for checkpoints kept
 * in the job manager's memory, its default) ends, through the job's own entry point
 * ({@code itinera flink --local}), and decides what the local engine decides. Before, every
 * checkpoint failed, the job restarted from the last good one and met the limit again, forever (the
 * 1M-event workspace replay never finished). {@code large-state.journey}: each customer keeps a long note.
 */
class FlinkLargeStateTest {
	private static final int CUSTOMERS = 2_500;
	/** 8,000 characters a customer: about 8 MB of keyed state per subtask at parallelism 2. */
	private static final int NOTE_LENGTH = 8_000;

	@TempDir
	Path dir;

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void aJobWhoseStateOutgrowsTheJobManagersMemoryEndsAndDecidesWhatRunDecides() throws Exception {
		JourneyPlan plan = plan();
		Path log = customersWithLongNotes(dir.resolve("events.jsonl"));
		Path run = dir.resolve("run");
		CampaignRules rules = RuntimeAssembly.journey(plan, dir.resolve("large-state.journey"), AssemblyOptions.DEFAULT.withoutModels(true))
				.rules();
		try (EventLogSource source = EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(null), null, ',', EventSchema.of(plan));
				JsonLinesOutput output = new JsonLinesOutput(run)) {
			new LocalEngine(() -> new PlanStep(plan, rules), RuntimeAssembly.noScores(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay())).run(source);
		}
		List<String> changes = FlinkFixtures.sorted(run.resolve(JsonLinesOutput.STAGE_CHANGES));
		assertTrue(changes.stream().filter(c -> c.contains("\"to\":\"Done\"")).count() > CUSTOMERS / 2, "timers fire");

		Path flink = dir.resolve("flink");
		Path planFile = Files.writeString(dir.resolve("plan.json"), PlanJson.write(plan));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = JourneyJobRunner.run(new String[] { "--plan", planFile.toString(), "--journey-dir", dir.toString(), "--events",
				log.toString(), "--out", flink.toString(), "--parallelism", "2", "--checkpoint-ms", "500", "--local" },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
		assertEquals(changes, FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
		assertEquals(List.of(), FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER));
		assertFalse(Files.exists(flink.resolve(JourneyJobRunner.CHECKPOINT_FOLDER)), "the job's checkpoints are removed");
	}

	private static JourneyPlan plan() throws Exception {
		Path file = Path.of(FlinkLargeStateTest.class.getResource("/large-state.journey").toURI());
		Injector injector = new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
		Journey journey = (Journey) resources.getResource(URI.createFileURI(file.toString()), true).getContents().get(0);
		return new JourneyCompiler().compile(journey);
	}

	/** One signup per customer, a minute apart, each with a note of {@link #NOTE_LENGTH} characters. */
	private static Path customersWithLongNotes(Path log) throws Exception {
		long start = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
		String note = "n".repeat(NOTE_LENGTH);
		try (BufferedWriter out = Files.newBufferedWriter(log)) {
			for (int i = 0; i < CUSTOMERS; i++) {
				out.write("{\"customer\":\"c" + i + "\",\"time\":\"" + Instant.ofEpochMilli(start + i * 60_000L) + "\",\"type\":\"signup\","
						+ "\"note\":\"" + note + i + "\"}");
				out.newLine();
			}
		}
		return log;
	}
}
