package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace on Flink (parallelism 2) decides what the local engine's workspace run decides over
 * the same log: the same actions (with their journey), stage changes and suppressions, under the
 * workspace's shared caps and quiet hours and real Drools rules.
 */
class FlinkWorkspaceEquivalenceTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	Path dir;

	@Test
	void theWorkspaceOnFlinkDecidesWhatTheLocalWorkspaceRunDecides() throws Exception {
		Path log = FlinkFixtures.log(dir, "events.jsonl", 6_000, 400, 11);
		Path local = WorkspaceFixtures.localRun(log, dir.resolve("local"));
		Path flink = dir.resolve("flink");

		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JourneyJob.build(env, WorkspaceFixtures.settings().withReplayEnd(WorkspaceFixtures.latestEventTime(log)),
				JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(flink.toString()));
		env.execute("workspace equivalence");

		List<String> localActions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		List<String> localChanges = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES));
		List<String> localSuppressions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.SUPPRESSIONS));
		long journeysActing = WorkspaceFixtures.plans().stream()
				.filter(plan -> localActions.stream().anyMatch(a -> a.contains("\"journey\":\"" + plan.name() + "\""))).count();
		assertTrue(localActions.size() > 20 && journeysActing >= 3,
				"the log makes several journeys act: " + localActions.size() + " actions from " + journeysActing + " journeys");
		assertTrue(localSuppressions.stream().anyMatch(s -> s.contains("cap")), "the shared caps suppress some sends");
		assertEquals(localActions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(localChanges, FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
		assertEquals(localSuppressions, FlinkFixtures.sortedLines(flink, OutputRecord.SUPPRESSION));
		assertEquals(List.of(), FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER));
	}
}
