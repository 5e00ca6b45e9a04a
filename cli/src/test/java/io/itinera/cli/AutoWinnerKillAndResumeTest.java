package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with a split that learns its winner, killed (SIGKILL, no shutdown hooks) half-way and started again
 * with the same command, resumes from its checkpoint with the split's counts, weights and boundaries as they
 * were: its actions, stage changes and {@code split-weights.jsonl} are byte for byte an uninterrupted run's.
 */
class AutoWinnerKillAndResumeTest {
	@TempDir
	Path dir;

	private ProcessBuilder run(Path journey, Path events, Path out) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				ItineraCommand.class.getName(), "run", journey.toString(), "--events", events.toString(), "--out", out.toString(),
				"--workers", "2", "--barrier-lines", "500", "--checkpoint-ms", "0", "--no-progress")
				.redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
	}

	private static String finish(ProcessBuilder builder) throws Exception {
		Process process = builder.start();
		assertTrue(process.waitFor(180, TimeUnit.SECONDS), "run did not finish");
		String said = Files.readString(builder.redirectOutput().file().toPath());
		assertEquals(0, process.exitValue(), said);
		return said;
	}

	@Test
	void aKilledLearningRunResumedGivesTheUninterruptedRunsActionsAndWeights() throws Exception {
		Path journey = AutoWinnerEveryHostTest.journey();
		Path events = Files.write(dir.resolve("events.jsonl"), AutoWinnerEveryHostTest.log(20_000, 7));
		Path whole = dir.resolve("whole");
		finish(run(journey, events, whole));
		long wholeChanges = Files.size(whole.resolve(JsonLinesOutput.STAGE_CHANGES));
		List<String> wholeWeights = Files.readAllLines(whole.resolve(SplitEpochs.FILE));
		assertTrue(wholeWeights.size() > 30, wholeWeights.size() + " weight lines");

		Path killed = dir.resolve("killed");
		Process process = run(journey, events, killed).start();
		Path changes = killed.resolve(JsonLinesOutput.STAGE_CHANGES);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (process.isAlive() && (!Files.exists(changes) || Files.size(changes) < wholeChanges / 3) && System.nanoTime() < deadline) {
			Thread.sleep(2);
		}
		assertTrue(process.isAlive(), "the run ended before it could be killed:\n" + Files.readString(dir.resolve("killed.log")));
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
		assertTrue(Files.size(changes) < wholeChanges, "killed half-way");

		String resumed = finish(run(journey, events, killed));
		assertTrue(resumed.contains("Resumed after"), resumed);
		for (String file : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES, JsonLinesOutput.SUPPRESSIONS, SplitEpochs.FILE)) {
			assertEquals(Files.readString(whole.resolve(file)), Files.readString(killed.resolve(file)), file);
		}
	}
}
