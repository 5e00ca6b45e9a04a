package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events from a Kafka topic, actions to a topic through the exactly-once sink; the job fails once
 * after a checkpoint completed and actions were committed, restarts from it, and a read_committed
 * consumer sees every expected action (the local engine's, over the same events) exactly once:
 * for one journey and for the sample workspace ({@code itinera flink journeys/workspace}).
 */
class FlinkKafkaExactlyOnceTest {
	/** Whether the injected failure has happened (once per test run; the job restarts in this JVM). */
	static final AtomicBoolean FAILED = new AtomicBoolean();

	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	Path dir;

	@Test
	void afterAFailureAndRestartEveryActionIsCommittedExactlyOnce() throws Exception {
		Path log = FlinkFixtures.log(dir, "events.jsonl", 4_000, 300, 5);
		Path local = FlinkFixtures.localRun(log, dir.resolve("local"));
		failOnceAndRestart(log, local, FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING));
	}

	@Test
	void aWorkspaceAfterAFailureAndRestartCommitsEveryActionExactlyOnce() throws Exception {
		Path log = FlinkFixtures.log(dir, "events.jsonl", 4_000, 300, 5);
		Path local = WorkspaceFixtures.localRun(log, dir.resolve("local"));
		List<String> journeys = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS)).stream()
				.map(action -> action.replaceAll(".*\"journey\":\"([^\"]+)\".*", "$1")).distinct().toList();
		assertTrue(journeys.size() > 1, "actions of several journeys: " + journeys);
		failOnceAndRestart(log, local, WorkspaceFixtures.settings());
	}

	/**
	 * Half the log on a topic, the job started, the rest sent once a checkpoint committed actions; the
	 * job fails once and restarts from its checkpoint: the committed actions are the local run's
	 * ({@code local}) before the cutoff, each once.
	 */
	private void failOnceAndRestart(Path log, Path local, JobSettings settings) throws Exception {
		FAILED.set(false);
		List<String> lines = Files.readAllLines(log);
		List<String> actions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		assertTrue(!Files.readAllLines(local.resolve(JsonLinesOutput.SUPPRESSIONS)).isEmpty(), "the caps suppress some sends");
		// Timers after the last event's time less the lateness need the end of the input, which a topic has not.
		Instant lastTime = Instant.parse(lines.get(lines.size() - 1).replaceAll(".*\"time\":\"([^\"]+)\".*", "$1"));
		Instant cutoff = lastTime.minus(Duration.ofHours(6));
		List<String> expected = actions.stream().filter(a -> actionTime(a).isBefore(cutoff)).toList();
		assertTrue(expected.size() > 20, "enough actions to matter: " + expected.size());

		try (InProcessKafka kafka = InProcessKafka.start()) {
			kafka.createTopic("events", 2);
			// Actions carry their (March) event times: without this, time retention deletes them as they land.
			kafka.createTopics(List.of("actions", "dead-letters"), 2, java.util.Map.of("retention.ms", "-1"));
			kafka.sendAll("events", records(lines.subList(0, lines.size() / 2)));

			Configuration config = FlinkFixtures.restartingJobConfiguration();
			StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
			env.setParallelism(2);
			DataStream<NumberedLine> lines2 = JourneyJob.lines(env, JourneyJob.Input.kafka(kafka.bootstrapServers(), "events", "test"), settings)
					.map(new FailOnceAfterCheckpoint()).returns(OutputTypes.LINE);
			JourneyJob.build(lines2, settings,
					JourneyJob.Output.kafka(kafka.bootstrapServers(), "actions", null, "dead-letters", "exactly-once-test"));
			JobClient job = env.executeAsync("exactly once");
			try {
				waitFor(() -> !kafka.readCommitted("actions").isEmpty());
				// The first of these lines meets the failure: a checkpoint (with actions) completed before it.
				kafka.sendAll("events", records(lines.subList(lines.size() / 2, lines.size())));
				waitFor(() -> committedActions(kafka).containsAll(expected));
				assertTrue(FAILED.get(), "the job failed once and restarted");
				List<String> committed = committedActions(kafka);
				List<String> beforeCutoff = committed.stream().filter(a -> actionTime(a).isBefore(cutoff)).sorted().toList();
				assertEquals(expected, beforeCutoff);
				assertEquals(committed.size(), new HashSet<>(committed).size(), "no action committed twice");
				assertEquals(List.of(), kafka.readCommitted("dead-letters"), "no bad line; suppressions go to files only");
			} finally {
				job.cancel().get();
			}
		}
	}

	private static List<ProducerRecord<String, String>> records(List<String> lines) {
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (String line : lines) {
			String customer = line.replaceAll(".*\"customer\":\"([^\"]+)\".*", "$1");
			records.add(new ProducerRecord<>("events", customer, line));
		}
		return records;
	}

	private static List<String> committedActions(InProcessKafka kafka) {
		return kafka.readCommitted("actions").stream().map(ConsumerRecord::value).toList();
	}

	private static Instant actionTime(String json) {
		return Instant.parse(json.replaceAll(".*\"time\":\"([^\"]+)\".*", "$1"));
	}

	private interface Check {
		boolean holds() throws Exception;
	}

	private static void waitFor(Check check) throws Exception {
		long deadline = System.nanoTime() + 90_000_000_000L;
		while (!check.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for the job's output");
			}
			Thread.sleep(200);
		}
	}

	/** Throws once, at the first line after a checkpoint completed: a task failure mid-stream. */
	static final class FailOnceAfterCheckpoint extends RichMapFunction<NumberedLine, NumberedLine> implements CheckpointListener {
		private static final long serialVersionUID = 1L;
		private transient boolean checkpointed;

		@Override
		public NumberedLine map(NumberedLine line) {
			if (checkpointed && FAILED.compareAndSet(false, true)) {
				throw new IllegalStateException("injected failure");
			}
			return line;
		}

		@Override
		public void notifyCheckpointComplete(long checkpointId) {
			checkpointed = true;
		}
	}
}
