package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.runtime.workspace.WorkspaceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace of two journeys whose splits learn their winner, each on its own cadence, on Flink at
 * parallelism 2: one coordinator's rounds serve both journeys' splits, each journey counts and weighs
 * its own arms, and the job gives what the local engine's run of the folder gives: the same actions,
 * stage changes and {@code split-weights.jsonl} lines of both journeys.
 */
class FlinkWorkspaceAutoWinnerTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	Path dir;

	@Test
	void aWorkspaceOfTwoLearningJourneysLearnsWhatRunLearns() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("workspace"));
		Files.writeString(folder.resolve("AutoPlain.journey"), FlinkAutoWinnerTest.JOURNEY);
		Files.writeString(folder.resolve("AutoPlainB.journey"), FlinkAutoWinnerTest.JOURNEY
				.replace("journey AutoPlain ", "journey AutoPlainB ").replace("every 12 hours", "every 1 day"));
		List<JourneyPlan> plans = List.of(FlinkFixtures.compile(folder.resolve("AutoPlain.journey")),
				FlinkFixtures.compile(folder.resolve("AutoPlainB.journey")));
		Path log = dir.resolve("events.jsonl");
		long latest = FlinkAutoWinnerTest.writeLog(log, 1500);

		Path local = dir.resolve("local");
		List<String> weights = new ArrayList<>();
		try (AssembledWorkspace workspace = RuntimeAssembly.workspace(plans, plan -> folder.resolve(plan.name() + ".journey"),
				WorkspaceSettings.NONE, AssemblyOptions.DEFAULT);
				EventLogSource source = EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(null), null, ',', workspace.schema());
				JsonLinesOutput output = new JsonLinesOutput(local)) {
			new LocalEngine(workspace::newStep, workspace.scorer(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay()))
					.learningSplits(SplitEpochs.of(workspace.splitBoards(), weights::add)).run(source);
		}
		weights.sort(null);
		for (String journey : List.of("AutoPlain", "AutoPlainB")) {
			assertTrue(weights.stream().anyMatch(line -> line.contains("\"journey\":\"" + journey + "\"") && !line.contains("\"exposures\":0,")),
					journey + " counts its arms' exposures: " + weights.size() + " weight lines");
		}
		List<String> actions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		assertTrue(actions.size() > 1000, actions.size() + " actions");

		Path out = dir.resolve("flink");
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JobSettings settings = JobSettings.of(WorkspacePlans.write(plans), folder.toString()).withReplayEnd(latest);
		JourneyJob.build(env, settings, JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(out.toString()));
		env.execute("a learning workspace");

		assertEquals(weights, FlinkFixtures.sortedLines(out, OutputRecord.SPLIT_WEIGHTS), SplitEpochs.FILE);
		assertEquals(actions, FlinkFixtures.sortedLines(out, OutputRecord.ACTION), "actions");
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)), FlinkFixtures.sortedLines(out, OutputRecord.STAGE_CHANGE),
				"stage changes");
	}
}
