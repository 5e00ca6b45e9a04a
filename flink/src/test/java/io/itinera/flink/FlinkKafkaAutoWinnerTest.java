package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split that learns its winner on Flink over a Kafka topic, which has no end: {@link FlinkAutoWinnerTest}'s
 * log written to 4 partitions of a topic (keyed by customer) and read by the job at parallelism 2; a fifth
 * partition stays empty, and holds no epoch back once it is idle. An epoch is published once every
 * subtask's watermark has passed its boundary, so the job's actions,
 * stage changes and {@code split-weights} lines are {@code run}'s, up to a day before the log's last
 * event less the lateness (what only the end of the input would fire, a topic never gives).
 */
class FlinkKafkaAutoWinnerTest {
	private static final int PARTITIONS = 4;

	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	static Path dir;

	private static InProcessKafka kafka;
	private static JobSettings settings;
	private static List<String> lines;
	private static Instant cutoff;
	private static List<String> actions;
	private static List<String> stageChanges;
	private static List<String> weights;

	@BeforeAll
	static void runLocallyAndStartKafka() throws Exception {
		Path journeyFile = dir.resolve("AutoPlain.journey");
		Files.writeString(journeyFile, FlinkAutoWinnerTest.JOURNEY);
		JourneyPlan plan = FlinkFixtures.compile(journeyFile);
		Path log = dir.resolve("events.jsonl");
		long latest = FlinkAutoWinnerTest.writeLog(log, 2000);
		settings = JobSettings.of(PlanJson.write(plan), dir.toString());
		lines = Files.readAllLines(log);
		cutoff = Instant.ofEpochMilli(latest - DriverSettings.DEFAULT_LATENESS_MILLIS).minus(Duration.ofDays(1));

		Path local = dir.resolve("local");
		List<String> weightLines = FlinkAutoWinnerTest.runLocal(plan, journeyFile, log, local);
		actions = beforeCutoff(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS)), "time");
		stageChanges = beforeCutoff(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)), "time");
		weights = beforeCutoff(weightLines, "epochStart");
		assertTrue(weights.size() > 30 && actions.size() > 1000, weights.size() + " weight lines, " + actions.size() + " actions");
		kafka = InProcessKafka.start();
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void atParallelismTwoTheJobLearnsWhatRunLearns() throws Exception {
		String events = "learning-events";
		kafka.createTopic(events, PARTITIONS + 1); // the last one stays empty
		FlinkFixtures.sendByCustomer(kafka, events, lines, PARTITIONS);

		Path out = dir.resolve("flink");
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JourneyJob.build(env, settings, JourneyJob.Input.kafka(kafka.bootstrapServers(), events, "learning"),
				JourneyJob.Output.directory(out.toString()));
		JobClient job = env.executeAsync("learning over Kafka");
		try {
			long deadline = System.nanoTime() + 60_000_000_000L;
			while (System.nanoTime() < deadline && !(written(out, OutputRecord.SPLIT_WEIGHTS, "epochStart").containsAll(weights)
					&& written(out, OutputRecord.ACTION, "time").containsAll(actions)
					&& written(out, OutputRecord.STAGE_CHANGE, "time").containsAll(stageChanges))) {
				Thread.sleep(300);
			}
			assertEquals(List.of(), FlinkFixtures.sortedLines(out, OutputRecord.DEAD_LETTER), "no event came late");
			assertEquals(weights, written(out, OutputRecord.SPLIT_WEIGHTS, "epochStart"), SplitEpochs.FILE);
			assertEquals(actions, written(out, OutputRecord.ACTION, "time"), "actions");
			assertEquals(stageChanges, written(out, OutputRecord.STAGE_CHANGE, "time"), "stage changes");
		} finally {
			job.cancel().get();
		}
	}

	private static List<String> written(Path out, String kind, String timeField) throws Exception {
		return beforeCutoff(FlinkFixtures.sortedLines(out, kind), timeField);
	}

	private static List<String> beforeCutoff(List<String> records, String timeField) {
		return FlinkFixtures.before(cutoff, records, timeField);
	}
}
