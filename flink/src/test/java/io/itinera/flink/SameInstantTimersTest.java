package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.itinera.dsl.JourneyStandaloneSetup;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
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
import io.itinera.runtime.simulate.JourneySimulation;
import io.itinera.runtime.simulate.Simulator;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two timers of a customer due at one instant, set in either order ({@code same-instant.journey}: a
 * stage's {@code after} timer and a quiet-hours release, both due at 08:00), fire in one order on
 * every host: the journey's own tests ({@code itinera test}), {@code run} (the local engine),
 * {@code simulate} and the Flink job on a MiniCluster give the same result, the one the tests
 * expect: the customer moves on and the held message is dropped. Here because this module sees
 * every host.
 */
class SameInstantTimersTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	/** "late-entry" sets the stage's timer, then the release; "re-entry" the release, then the stage's timer. */
	private static final List<String> LOG = List.of(
			"{\"customer\":\"late-entry\",\"time\":\"2026-03-02T22:00:00Z\",\"type\":\"signup\"}",
			"{\"customer\":\"re-entry\",\"time\":\"2026-03-02T21:30:00Z\",\"type\":\"signup\"}",
			"{\"customer\":\"re-entry\",\"time\":\"2026-03-02T22:00:00Z\",\"type\":\"ping\"}",
			"{\"customer\":\"late-entry\",\"time\":\"2026-03-03T09:00:00Z\",\"type\":\"ping\"}",
			"{\"customer\":\"re-entry\",\"time\":\"2026-03-03T09:00:00Z\",\"type\":\"ping\"}");
	private static final long END = Instant.parse("2026-03-03T09:00:00Z").toEpochMilli();

	@TempDir
	Path dir;

	private static JourneyPlan plan() throws Exception {
		Path file = Path.of(SameInstantTimersTest.class.getResource("/same-instant.journey").toURI());
		Injector injector = new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
		Journey journey = (Journey) resources.getResource(URI.createFileURI(file.toString()), true).getContents().get(0);
		return new JourneyCompiler().compile(journey);
	}

	private static EventLogSource open(Path log, JourneyPlan plan) throws Exception {
		return EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(null), null, ',', EventSchema.of(plan));
	}

	@Test
	void journeyTestsRunSimulateAndFlinkFireThemInOneOrder() throws Exception {
		JourneyPlan plan = plan();
		CampaignRules rules = RuntimeAssembly.journey(plan, dir.resolve("same-instant.journey"), AssemblyOptions.DEFAULT.withoutModels(true))
				.rules();
		Path log = Files.write(dir.resolve("events.jsonl"), LOG);

		List<JourneyTestResult> tests = new JourneyTestRunner(plan, rules).runAll();
		assertEquals(2, tests.size());
		for (JourneyTestResult test : tests) {
			assertTrue(test.passed(), test.report());
		}

		Path run = dir.resolve("run");
		try (EventLogSource source = open(log, plan); JsonLinesOutput output = new JsonLinesOutput(run)) {
			new LocalEngine(() -> new PlanStep(plan, rules), RuntimeAssembly.noScores(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay())).run(source);
		}

		Path simulate = dir.resolve("simulate");
		try (EventLogSource source = open(log, plan); JsonLinesOutput output = new JsonLinesOutput(simulate)) {
			new Simulator(List.of(new JourneySimulation(plan, new PlanStep(plan, rules), null, DriverSettings.replay(), output)),
					null, null, null).run(source, letter -> {
					});
		}

		Path flink = dir.resolve("flink");
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JourneyJob.build(env, JobSettings.of(PlanJson.write(plan), dir.toString()).withReplayEnd(END),
				JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(flink.toString()));
		env.execute("same-instant timers");

		List<String> suppressions = FlinkFixtures.sorted(run.resolve(JsonLinesOutput.SUPPRESSIONS));
		assertEquals(List.of(), FlinkFixtures.sorted(run.resolve(JsonLinesOutput.ACTIONS)), "no held message is released");
		assertEquals(3, suppressions.stream().filter(s -> s.contains("DROPPED_STAGE_LEFT")).count(), suppressions.toString());
		assertTrue(suppressions.stream().noneMatch(s -> s.contains("RELEASED")), suppressions.toString());
		List<String> changes = FlinkFixtures.sorted(run.resolve(JsonLinesOutput.STAGE_CHANGES));
		assertEquals(2, changes.stream().filter(c -> c.contains("\"time\":\"2026-03-03T08:00:00Z\"") && c.contains("\"to\":\"Gone\"")).count(),
				changes.toString());

		for (String kind : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES, JsonLinesOutput.SUPPRESSIONS)) {
			assertEquals(FlinkFixtures.sorted(run.resolve(kind)), FlinkFixtures.sorted(simulate.resolve(kind)), "simulate's " + kind);
		}
		assertEquals(FlinkFixtures.sorted(run.resolve(JsonLinesOutput.ACTIONS)), FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(changes, FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
		assertEquals(suppressions, FlinkFixtures.sortedLines(flink, OutputRecord.SUPPRESSION));
	}
}
