package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same log through the local engine and through the Flink job on a MiniCluster (parallelism
 * 2): the same actions (ids and all) and the same stage changes, with the sample journey's real
 * Drools rules and ONNX model.
 */
class FlinkLocalEquivalenceTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	Path dir;

	@Test
	void theFlinkJobDecidesWhatTheLocalEngineDecides() throws Exception {
		Path log = FlinkFixtures.log(dir, "events.jsonl", 6_000, 400, 7);
		Files.writeString(log, "{\"customer\": \"c1\", \"time\": \"not a time\", \"type\": \"cart_add\"}\n",
				java.nio.file.StandardOpenOption.APPEND);
		Path local = FlinkFixtures.localRun(log, dir.resolve("local"));
		Path flink = dir.resolve("flink");

		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JourneyJob.build(env, FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING).withReplayEnd(FlinkFixtures.latestEventTime(log)),
				JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(flink.toString()));
		env.execute("equivalence");

		List<String> localActions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		List<String> localChanges = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES));
		assertTrue(localActions.size() > 20 && localActions.stream().anyMatch(a -> a.contains("cart_reminder_coupon")),
				"the log exercises rules and the model: " + localActions.size());
		assertTrue(localChanges.stream().anyMatch(c -> c.contains("\"to\":\"Abandoned\"")), "timers fire");
		assertEquals(localActions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(localChanges, FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
		List<String> deadLetters = FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER);
		assertEquals(1, deadLetters.size(), () -> deadLetters.size() + " dead letters, the first " + deadLetters.get(0));
		assertTrue(deadLetters.get(0).contains("\"line\":6001"), deadLetters.get(0));
	}

	@Test
	void customersWrittenBackAndLetGoDecideAlike() throws Exception {
		// 400 customers, 30 kept decoded per subtask: changed slots go to keyed state and come back many times
		Path log = FlinkFixtures.log(dir, "events.jsonl", 6_000, 400, 11);
		Path local = FlinkFixtures.localRun(log, dir.resolve("local"));
		Path flink = dir.resolve("flink");

		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JourneyJob.build(env, FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING).withCustomersInMemory(30)
				.withReplayEnd(FlinkFixtures.latestEventTime(log)), JourneyJob.Input.files(List.of(log.toString())),
				JourneyJob.Output.directory(flink.toString()));
		env.execute("equivalence, few customers in memory");

		List<String> localActions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		assertTrue(localActions.size() > 20, "actions: " + localActions.size());
		assertEquals(localActions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)),
				FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
	}

	@Test
	void aReplayEndedBeforeTheLogsEndEndsAlike() throws Exception {
		Path log = FlinkFixtures.log(dir, "events.jsonl", 6_000, 400, 7);
		long end = FlinkFixtures.latestEventTime(log) - 2 * 86_400_000L; // run --to T: events from T on are left out
		Path local = FlinkFixtures.localRun(log, dir.resolve("local"), end);
		Path flink = dir.resolve("flink");

		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		// itinera flink --to T hands the job the last instant whose timers fire: T - 1 ms
		JourneyJob.build(env, FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING).withReplayEnd(end - 1),
				JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(flink.toString()));
		env.execute("equivalence to an end");

		List<String> localActions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		List<String> all = FlinkFixtures.sorted(FlinkFixtures.localRun(log, dir.resolve("whole")).resolve(JsonLinesOutput.ACTIONS));
		assertTrue(localActions.size() > 10 && localActions.size() < all.size(), localActions.size() + " of " + all.size());
		assertEquals(localActions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)),
				FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
	}

	@Test
	void theOnlyRocksDbOnTheFlinkPathIsFlinksOwn() throws Exception {
		// Flink's RocksDB fork has the same org.rocksdb classes as the project's rocksdbjni: only one may be here.
		Class<?> rocksDb = Class.forName("org.rocksdb.RocksDB", false, getClass().getClassLoader());
		String jar = rocksDb.getProtectionDomain().getCodeSource().getLocation().toString();
		assertTrue(jar.contains("frocksdbjni"), jar);
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			assertFalse(Path.of(entry).getFileName().toString().startsWith("rocksdbjni"), entry);
		}
	}
}
