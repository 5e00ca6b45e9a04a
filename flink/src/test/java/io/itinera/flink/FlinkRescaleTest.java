package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint at parallelism 1 part-way through a log, resume at parallelism 2 with the
 * rest of it: the same actions and stage changes as the local engine over the whole log. Customers'
 * slots, timers and the source's position move with their key groups.
 */
class FlinkRescaleTest {
	private static final String LAST_CUSTOMER = "zz-last";

	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	Path dir;

	@Test
	void aSavepointAtParallelismOneResumesAtTwoWithTheSameResults() throws Exception {
		Path generated = FlinkFixtures.log(dir, "generated.jsonl", 6_000, 400, 11);
		List<String> lines = Files.readAllLines(generated);
		String lastTime = lines.get(lines.size() - 1).replaceAll(".*\"time\":\"([^\"]+)\".*", "$1");
		List<String> first = lines.subList(0, lines.size() / 2);
		List<String> rest = new ArrayList<>(lines.subList(lines.size() / 2, lines.size()));
		// The last lines read: once the first one's stage change is committed, the job has read the whole log (the
		// second moves the watermark past the first).
		rest.add("{\"customer\":\"" + LAST_CUSTOMER + "\",\"time\":\"" + lastTime + "\",\"type\":\"cart_add\",\"productId\":\"p1\",\"price\":5}");
		rest.add("{\"customer\":\"zz-clock\",\"time\":\"" + java.time.Instant.parse(lastTime).plusSeconds(120)
				+ "\",\"type\":\"product_view\",\"productId\":\"p1\",\"category\":\"toys\",\"price\":5}");
		Path whole = dir.resolve("whole.jsonl");
		Files.write(whole, first);
		Files.write(whole, rest, java.nio.file.StandardOpenOption.APPEND);
		Path local = FlinkFixtures.localRun(whole, dir.resolve("local"));
		JobSettings settings = FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING)
				.withReplayEnd(FlinkFixtures.latestEventTime(whole));

		Path input = Files.createDirectories(dir.resolve("input"));
		Path out = dir.resolve("flink");
		arrive(first, input.resolve("1.jsonl"));
		JobClient atOne = start(settings, input, out, 1, new Configuration());
		waitFor(() -> !FlinkFixtures.sortedLines(out, OutputRecord.STAGE_CHANGE).isEmpty());
		String savepoint = atOne.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
				.get();

		arrive(rest, input.resolve("2.jsonl"));
		Configuration resume = new Configuration();
		resume.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
		JobClient atTwo = start(settings, input, out, 2, resume);
		waitFor(() -> FlinkFixtures.sortedLines(out, OutputRecord.STAGE_CHANGE).stream().anyMatch(l -> l.contains(LAST_CUSTOMER)));
		// Drained: the final watermark ends the replay (timers due by its end fire), then the output is committed.
		atTwo.stopWithSavepoint(true, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();

		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS)), FlinkFixtures.sortedLines(out, OutputRecord.ACTION));
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)),
				FlinkFixtures.sortedLines(out, OutputRecord.STAGE_CHANGE));
	}

	private static JobClient start(JobSettings settings, Path input, Path out, int parallelism, Configuration extra) throws Exception {
		Configuration config = FlinkFixtures.jobConfiguration();
		config.addAll(extra);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
		env.setParallelism(parallelism);
		JourneyJob.build(env, settings, JourneyJob.Input.watching(input.toString()), JourneyJob.Output.directory(out.toString()));
		return env.executeAsync("rescale at " + parallelism);
	}

	/** A file appears whole in the watched folder, as a finished log would. */
	private void arrive(List<String> lines, Path target) throws Exception {
		Path staged = dir.resolve("staged-" + target.getFileName());
		Files.write(staged, lines);
		Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
	}

	private interface Check {
		boolean holds() throws Exception;
	}

	private static void waitFor(Check check) throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (!check.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for the job's output");
			}
			Thread.sleep(100);
		}
	}
}
