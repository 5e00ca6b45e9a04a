package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.InMemoryStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split that learns its winner on Flink: the job's subtasks hold each epoch's events and timers
 * until the weights from every subtask's counts are known ({@link LearningEpochs}, {@link EpochCoordinator}),
 * so the job gives the local engine's actions, stage changes and {@code split-weights.jsonl} lines at
 * parallelism 1 and 2, after a failure and a restart from a checkpoint, and after a savepoint at
 * parallelism 1 resumed at 2.
 */
class FlinkAutoWinnerTest {
	static final String JOURNEY = """
			journey AutoPlain "A learning split over a plain log: purchases are the log's" {
			  entry on visit -> Browsing
			  goal purchase within 7 days

			  event visit    { }
			  event purchase { amount: decimal }

			  stage Browsing {
			    on purchase -> Bought
			    after 1 hour -> Nudged
			  }
			  stage Nudged {
			    on purchase -> Bought
			    after 3 days -> Lapsed
			  }
			  stage Bought { }
			  stage Lapsed { }

			  campaign Short in Nudged {
			    cap 1 per 30 days
			    rule "Short mail" otherwise then send email "short"
			  }
			  campaign Long in Nudged {
			    cap 1 per 30 days
			    rule "Long mail" otherwise then send email "long"
			  }
			  split Mails in Nudged auto winner by goal min 50 per arm every 12 hours { 45% Short, 45% Long, 10% holdout }
			}
			""";
	private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
	/** Whether the injected failure has happened (the job restarts in this JVM). */
	static final AtomicBoolean FAILED = new AtomicBoolean();

	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	static Path dir;
	private static JourneyPlan plan;
	private static Path log;
	private static JobSettings settings;
	private static List<String> actions;
	private static List<String> stageChanges;
	private static List<String> weights;

	@BeforeAll
	static void runLocally() throws Exception {
		Path journeyFile = dir.resolve("AutoPlain.journey");
		Files.writeString(journeyFile, JOURNEY);
		plan = FlinkFixtures.compile(journeyFile);
		log = dir.resolve("events.jsonl");
		long latest = writeLog(log, 2000);
		settings = JobSettings.of(PlanJson.write(plan), dir.toString()).withReplayEnd(latest);

		List<String> weightLines = runLocal(plan, journeyFile, log, dir.resolve("local"));
		actions = FlinkFixtures.sorted(dir.resolve("local").resolve(JsonLinesOutput.ACTIONS));
		stageChanges = FlinkFixtures.sorted(dir.resolve("local").resolve(JsonLinesOutput.STAGE_CHANGES));
		weights = new ArrayList<>(weightLines);
		weights.sort(null);
		assertTrue(weights.size() > 30 && actions.size() > 1000, weights.size() + " weight lines, " + actions.size() + " actions");
		assertNotEquals(weightLines.get(0).replaceAll("\"epochStart\":\"[^\"]*\"", ""),
				weightLines.get(weightLines.size() - 3).replaceAll("\"epochStart\":\"[^\"]*\"", ""), "the weights moved");
	}

	/** The local engine's run of {@code log} (its outputs to {@code local}); returns its {@code split-weights.jsonl} lines. */
	static List<String> runLocal(JourneyPlan plan, Path journeyFile, Path log, Path local) throws Exception {
		List<String> weightLines = new ArrayList<>();
		try (AssembledJourney journey = RuntimeAssembly.journey(plan, journeyFile, AssemblyOptions.DEFAULT);
				EventSource source = EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(null), null, ',', EventSchema.of(plan));
				JsonLinesOutput output = new JsonLinesOutput(local)) {
			new LocalEngine(journey::newStep, journey.scorer(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay()))
					.learningSplits(SplitEpochs.of(Map.of(plan, journey.splitWeights()), weightLines::add)).run(source);
		}
		return weightLines;
	}

	/** Visits of {@code customers} over ten days, 15% of them buying; in time order. Returns the latest event time. */
	static long writeLog(Path file, int customers) throws Exception {
		Random random = new Random(11);
		List<long[]> rows = new ArrayList<>(); // time, customer, amount (0: a visit)
		long day = 86_400_000L;
		for (int c = 0; c < customers; c++) {
			long at = START.toEpochMilli() + (long) (random.nextDouble() * 10 * day);
			rows.add(new long[] { at, c, 0 });
			if (random.nextDouble() < 0.15) {
				rows.add(new long[] { at + 2 * 3_600_000L + (long) (random.nextDouble() * 4 * day), c, 10 + random.nextInt(50) });
			}
		}
		rows.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
		List<String> lines = new ArrayList<>();
		for (long[] row : rows) {
			lines.add("{\"customer\":\"c" + row[1] + "\",\"time\":\"" + Instant.ofEpochMilli(row[0]) + "\",\"type\":"
					+ (row[2] == 0 ? "\"visit\"}" : "\"purchase\",\"amount\":" + row[2] + "}"));
		}
		Files.write(file, lines);
		return rows.get(rows.size() - 1)[0];
	}

	@Test
	void atParallelismOneAndTwoTheJobLearnsWhatRunLearns() throws Exception {
		for (int parallelism : List.of(1, 2)) {
			Path out = dir.resolve("flink-" + parallelism);
			StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
			env.setParallelism(parallelism);
			JourneyJob.build(env, settings, JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(out.toString()));
			env.execute("learning at " + parallelism);
			assertSameAsRun(out, "parallelism " + parallelism);
		}
	}

	@Test
	void afterAFailureAndARestartFromACheckpointEveryLineIsThereOnce() throws Exception {
		FAILED.set(false);
		Configuration config = FlinkFixtures.restartingJobConfiguration();
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
		env.setParallelism(2);
		Path out = dir.resolve("flink-restarted");
		DataStream<NumberedLine> lines = JourneyJob.lines(env, JourneyJob.Input.files(List.of(log.toString())), settings)
				.map(new FailOnceAfterCheckpoint()).returns(OutputTypes.LINE).uid("fail-once");
		JourneyJob.buildReplay(lines, settings, JourneyJob.Output.directory(out.toString()));
		env.execute("learning, failing once");
		assertTrue(FAILED.get(), "the job failed once and restarted");
		assertSameAsRun(out, "after a restart");
	}

	@Test
	void aSavepointAtParallelismOneResumesAtTwoWithTheSameWeights() throws Exception {
		Path out = dir.resolve("flink-rescaled");
		JobClient atOne = start(out, 1, new Configuration(), true);
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (FlinkFixtures.sortedLines(out, OutputRecord.SPLIT_WEIGHTS).size() < 6) {
			assertTrue(System.nanoTime() < deadline, "timed out waiting for the first epochs");
			Thread.sleep(100);
		}
		String savepoint = atOne.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
				.get();
		List<String> before = FlinkFixtures.sortedLines(out, OutputRecord.SPLIT_WEIGHTS);
		assertTrue(before.size() < weights.size(), "stopped part-way: " + before.size() + " of " + weights.size() + " weight lines");
		Configuration resume = new Configuration();
		resume.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
		start(out, 2, resume, false).getJobExecutionResult().get();
		assertSameAsRun(out, "resumed at parallelism 2");
	}

	private static JobClient start(Path out, int parallelism, Configuration extra, boolean slowly) throws Exception {
		Configuration config = FlinkFixtures.jobConfiguration();
		config.addAll(extra);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
		env.setParallelism(parallelism);
		DataStream<NumberedLine> lines = JourneyJob.lines(env, JourneyJob.Input.files(List.of(log.toString())), settings)
				.map(new Slowly(slowly)).returns(OutputTypes.LINE).uid("slowly");
		JourneyJob.buildReplay(lines, settings, JourneyJob.Output.directory(out.toString()));
		return env.executeAsync("learning at " + parallelism);
	}

	private static void assertSameAsRun(Path out, String what) throws Exception {
		assertEquals(weights, FlinkFixtures.sortedLines(out, OutputRecord.SPLIT_WEIGHTS), what + ": " + SplitEpochs.FILE);
		assertEquals(actions, FlinkFixtures.sortedLines(out, OutputRecord.ACTION), what + ": actions");
		assertEquals(stageChanges, FlinkFixtures.sortedLines(out, OutputRecord.STAGE_CHANGE), what + ": stage changes");
	}

	/** Throws once, at the first line after a checkpoint completed; reads slowly until then, so that one does. */
	static final class FailOnceAfterCheckpoint extends RichMapFunction<NumberedLine, NumberedLine> implements CheckpointListener {
		private static final long serialVersionUID = 1L;
		private transient boolean checkpointed;

		@Override
		public NumberedLine map(NumberedLine line) throws InterruptedException {
			if (checkpointed && FAILED.compareAndSet(false, true)) {
				throw new IllegalStateException("injected failure");
			}
			if (!FAILED.get()) {
				Thread.sleep(1);
			}
			return line;
		}

		@Override
		public void notifyCheckpointComplete(long checkpointId) {
			checkpointed = true;
		}
	}

	/** A millisecond a line, or nothing: a job slow enough to be stopped part-way. */
	static final class Slowly extends RichMapFunction<NumberedLine, NumberedLine> {
		private static final long serialVersionUID = 1L;
		private final boolean slowly;

		Slowly(boolean slowly) {
			this.slowly = slowly;
		}

		@Override
		public NumberedLine map(NumberedLine line) throws InterruptedException {
			if (slowly) {
				Thread.sleep(1);
			}
			return line;
		}
	}
}
