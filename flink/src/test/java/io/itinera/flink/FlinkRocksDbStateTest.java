package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --local} job takes its Flink settings from {@code FLINK_CONF_DIR} as a cluster would: with RocksDB
 * state and incremental checkpoints there (how bench/sizing/ten-million.sh measures the 10M-customer row), the job
 * keeps its customers in RocksDB and decides what the local engine decides.
 */
class FlinkRocksDbStateTest {
	@TempDir
	Path dir;

	@Test
	void noFolderChangesNothing() {
		Configuration config = new Configuration();
		JourneyJobRunner.applyConfigurationFolder(config, null);
		assertTrue(config.toMap().isEmpty(), config.toString());
	}

	@Test
	void aJobWithRocksDbStateFromTheConfigurationFolderDecidesWhatTheLocalEngineDecides() throws Exception {
		Path rocksDb = dir.resolve("rocksdb");
		Path conf = Files.createDirectories(dir.resolve("conf"));
		Files.writeString(conf.resolve("config.yaml"), "state.backend.type: rocksdb\nexecution.checkpointing.incremental: true\n"
				+ "state.backend.rocksdb.localdir: " + rocksDb + "\n");
		Configuration config = new Configuration();
		JourneyJobRunner.applyConfigurationFolder(config, conf.toString());
		JourneyJobRunner.configure(config, 300);
		JourneyJobRunner.configureLocal(config, dir.resolve("checkpoints"));
		assertEquals("rocksdb", config.get(StateBackendOptions.STATE_BACKEND));
		assertTrue(config.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));

		Path log = FlinkFixtures.log(dir, "events.jsonl", 6_000, 400, 7);
		Path local = FlinkFixtures.localRun(log, dir.resolve("local"));
		Path flink = dir.resolve("flink");
		StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, config);
		JourneyJob.build(env, FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING).withReplayEnd(FlinkFixtures.latestEventTime(log)),
				JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(flink.toString()));
		AtomicBoolean done = new AtomicBoolean();
		AtomicBoolean rocksDbFiles = new AtomicBoolean();
		Thread watcher = new Thread(() -> {
			while (!done.get() && !rocksDbFiles.get()) {
				rocksDbFiles.set(hasFiles(rocksDb));
				try {
					Thread.sleep(20);
				} catch (InterruptedException e) {
					return;
				}
			}
		});
		watcher.start();
		try {
			env.execute("rocksdb state");
		} finally {
			done.set(true);
			watcher.join();
		}

		assertTrue(rocksDbFiles.get(), "the customers were kept in RocksDB under " + rocksDb);
		List<String> localActions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		assertTrue(localActions.size() > 20, "actions: " + localActions.size());
		assertEquals(localActions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)),
				FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
	}

	private static boolean hasFiles(Path folder) {
		if (!Files.isDirectory(folder)) {
			return false;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			return paths.anyMatch(path -> path.getFileName().toString().endsWith(".sst") || path.getFileName().toString().equals("CURRENT"));
		} catch (Exception e) {
			return false; // a folder removed while walked: look again
		}
	}
}
