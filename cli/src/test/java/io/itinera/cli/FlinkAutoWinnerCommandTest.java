package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera flink --local} over a log out of order (the job reads a sorted copy) with a split that
 * learns its winner, at parallelism 2: {@code run}'s actions, stage changes and {@code split-weights.jsonl}
 * lines (the job's {@code split-weights/} part files). The job's restarts and rescaling: {@code FlinkAutoWinnerTest}.
 */
class FlinkAutoWinnerCommandTest {
	@TempDir
	Path dir;

	@Test
	void theJobLearnsWhatRunLearns() throws Exception {
		Path journey = Path.of(FlinkAutoWinnerCommandTest.class.getResource("/autowin/plain.journey").toURI());
		Random random = new Random(5);
		long start = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
		long day = 86_400_000L;
		List<String> lines = new ArrayList<>();
		for (int c = 0; c < 1500; c++) {
			long at = start + (long) (random.nextDouble() * 8 * day);
			lines.add("{\"customer\":\"c" + c + "\",\"time\":\"" + Instant.ofEpochMilli(at) + "\",\"type\":\"visit\"}");
			if (random.nextDouble() < 0.15) {
				lines.add("{\"customer\":\"c" + c + "\",\"time\":\"" + Instant.ofEpochMilli(at + 2 * 3_600_000L + (long) (random.nextDouble() * 3 * day))
						+ "\",\"type\":\"purchase\",\"amount\":" + (10 + random.nextInt(50)) + "}");
			}
		}
		Collections.shuffle(lines, new Random(3));
		Path log = Files.write(dir.resolve("events.jsonl"), lines);

		Path run = dir.resolve("run");
		InProcessCli.succeeding("run", journey.toString(), "--events", log.toString(), "--out", run.toString(), "--in-memory",
				"--no-progress");
		Path flink = dir.resolve("flink");
		InProcessCli.succeeding("flink", journey.toString(), "--events", log.toString(), "--out", flink.toString(), "--local",
				"--parallelism", "2", "--checkpoint-ms", "1000");

		List<String> weights = sorted(Files.readAllLines(run.resolve(SplitEpochs.FILE)));
		assertTrue(weights.size() > 20, weights.size() + " weight lines");
		assertEquals(weights, parts(flink.resolve("split-weights")), SplitEpochs.FILE);
		assertEquals(sorted(Files.readAllLines(run.resolve(JsonLinesOutput.ACTIONS))), parts(flink.resolve("actions")), "actions");
		assertEquals(sorted(Files.readAllLines(run.resolve(JsonLinesOutput.STAGE_CHANGES))), parts(flink.resolve("stage-changes")),
				"stage changes");
	}

	private static List<String> parts(Path folder) throws Exception {
		List<String> lines = new ArrayList<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
				lines.addAll(Files.readAllLines(part));
			}
		}
		return sorted(lines);
	}

	private static List<String> sorted(List<String> lines) {
		List<String> sorted = new ArrayList<>(lines);
		sorted.removeIf(String::isBlank);
		sorted.sort(null);
		return sorted;
	}
}
