package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog that comes a partition at a time: an events topic of 6 partitions, each written whole
 * before the next and all of it before the job starts, read by fewer source subtasks than
 * partitions. Each partition's watermark is its own, and a subtask's is the least of its
 * partitions', so no customer sees their own events as late: the committed actions and stage
 * changes are {@code run}'s over the same log, and there is no dead letter.
 */
class FlinkKafkaPartitionWatermarksTest {
	private static final int PARTITIONS = 6;

	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	static Path dir;

	private static InProcessKafka kafka;
	private static List<String> lines;
	private static List<String> expectedActions;
	private static List<String> expectedStageChanges;
	private static Instant cutoff;

	@BeforeAll
	static void startKafkaAndRunLocally() throws Exception {
		Path log = FlinkFixtures.log(dir, "events.jsonl", 6_000, 600, 11);
		Path local = FlinkFixtures.localRun(log, dir.resolve("local"));
		lines = Files.readAllLines(log);
		// Timers after the last event's time less the lateness need the end of the input, which a topic has not.
		cutoff = FlinkFixtures.time(lines.get(lines.size() - 1), "time").minus(Duration.ofHours(6));
		expectedActions = beforeCutoff(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS)));
		expectedStageChanges = beforeCutoff(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)));
		assertTrue(expectedActions.size() > 20, "enough actions to matter: " + expectedActions.size());
		kafka = InProcessKafka.start();
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void twoSubtasksReadingThreePartitionsEachTakeRunsActions() throws Exception {
		readsBacklogAsRunDoes("p2", 2);
	}

	@Test
	void oneSubtaskReadingSixPartitionsTakesRunsActions() throws Exception {
		readsBacklogAsRunDoes("p1", 1);
	}

	private void readsBacklogAsRunDoes(String name, int parallelism) throws Exception {
		String events = name + "-events";
		String actions = name + "-actions";
		String stageChanges = name + "-stage-changes";
		String deadLetters = name + "-dead-letters";
		kafka.createTopic(events, PARTITIONS);
		// Actions carry their (March) event times: without this, time retention deletes them as they land.
		kafka.createTopics(List.of(actions, stageChanges, deadLetters), 2, Map.of("retention.ms", "-1"));
		FlinkFixtures.sendByCustomer(kafka, events, lines, PARTITIONS);

		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(parallelism);
		JourneyJob.build(env, FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING),
				JourneyJob.Input.kafka(kafka.bootstrapServers(), events, name),
				JourneyJob.Output.kafka(kafka.bootstrapServers(), actions, stageChanges, deadLetters, name + "-job"));
		JobClient job = env.executeAsync("backlog " + name);
		try {
			long deadline = System.nanoTime() + 45_000_000_000L;
			while (System.nanoTime() < deadline && kafka.readCommitted(deadLetters).isEmpty()
					&& !(committed(actions).containsAll(expectedActions) && committed(stageChanges).containsAll(expectedStageChanges))) {
				Thread.sleep(300);
			}
			List<String> late = kafka.readCommittedValues(deadLetters);
			assertEquals(0, late.size(), () -> "no event came late, but " + late.size() + " did, first: " + late.get(0));
			assertEquals(expectedActions, beforeCutoff(committed(actions)));
			assertEquals(expectedStageChanges, beforeCutoff(committed(stageChanges)));
		} finally {
			job.cancel().get();
		}
	}

	private static List<String> committed(String topic) {
		return kafka.readCommittedValues(topic);
	}

	private static List<String> beforeCutoff(List<String> records) {
		return FlinkFixtures.before(cutoff, records, "time");
	}
}
