package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code itinera run} of {@code journeys/broadcast-newsletter.journey} is killed (SIGKILL) while
 * its broadcasts are firing and started again with the same command: every broadcast send is written
 * exactly once, the same as an uninterrupted run (the driver's timers and checkpoints, nothing of a
 * broadcast's own).
 */
class BroadcastKillAndRestartTest {
	private static final Path JOURNEY = Path.of("../journeys/broadcast-newsletter.journey");
	private static final Instant START = Instant.parse("2025-03-03T00:00:00Z");

	@TempDir
	Path dir;

	@Test
	void aKilledRunRestartedSendsEachBroadcastOnce() throws Exception {
		Path plan = dir.resolve("plan.json");
		assertEquals(0, ItineraCommand.commandLine().execute("compile", JOURNEY.toString(), "-o", plan.toString()));
		Path log = dir.resolve("events.jsonl");
		Files.write(log, log());

		Path whole = dir.resolve("whole");
		finish(run(plan, log, whole));
		List<String> wholeActions = Files.readAllLines(whole.resolve(JsonLinesOutput.ACTIONS));
		assertTrue(wholeActions.stream().anyMatch(a -> a.contains("\"target\":\"weekly\"")), "the run sends newsletters");

		Path killed = dir.resolve("killed");
		Process process = run(plan, log, killed).start();
		Path actions = killed.resolve(JsonLinesOutput.ACTIONS);
		long wholeBytes = Files.size(whole.resolve(JsonLinesOutput.ACTIONS));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (process.isAlive() && (!Files.exists(actions) || Files.size(actions) < wholeBytes / 3) && System.nanoTime() < deadline) {
			Thread.sleep(2);
		}
		assertTrue(process.isAlive(), "the run ended before it could be killed");
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
		assertTrue(Files.size(actions) < wholeBytes, "killed half-way");

		String restarted = finish(run(plan, log, killed));
		assertTrue(restarted.contains("Resumed after line"), restarted);
		List<String> killedActions = Files.readAllLines(actions);
		assertEquals(wholeActions, killedActions);
		Set<String> ids = new HashSet<>();
		for (String line : killedActions) {
			String id = line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\"id\":\"") + 22);
			assertTrue(ids.add(id), "action " + id + " written twice");
		}
	}

	/** 6,000 customers in two zones signing up over two weeks, some ordering; in time order. */
	private static List<String> log() {
		Random random = new Random(7);
		List<String[]> events = new ArrayList<>();
		for (int c = 0; c < 6_000; c++) {
			Instant signup = START.plusSeconds(60L * random.nextInt(60 * 24 * 14));
			String zone = c % 2 == 0 ? "Europe/Berlin" : "America/New_York";
			events.add(new String[] { signup.toString(), "{\"customer\":\"c" + c + "\",\"type\":\"signup\",\"time\":\"" + signup
					+ "\",\"newsletter\":\"" + (random.nextInt(10) < 6 ? "yes" : "no") + "\",\"timezone\":\"" + zone + "\"}" });
			Instant at = signup;
			for (int o = random.nextInt(3); o > 0; o--) {
				at = at.plusSeconds(60L * random.nextInt(60 * 24 * 12));
				events.add(new String[] { at.toString(), "{\"customer\":\"c" + c + "\",\"type\":\"order\",\"time\":\"" + at
						+ "\",\"amount\":" + (10 + random.nextInt(50)) + "}" });
			}
		}
		Instant end = START.plusSeconds(86_400L * 42);
		events.add(new String[] { end.toString(), "{\"customer\":\"zz-end\",\"type\":\"signup\",\"time\":\"" + end
				+ "\",\"newsletter\":\"no\",\"timezone\":\"UTC\"}" });
		events.sort((a, b) -> Instant.parse(a[0]).compareTo(Instant.parse(b[0])));
		return events.stream().map(e -> e[1]).toList();
	}

	private static ProcessBuilder run(Path plan, Path log, Path out) {
		return run(plan, log, out, 500);
	}

	/** {@code itinera run} of the plan in a child JVM (to be killed), two workers, a barrier every {@code barrierLines}. */
	static ProcessBuilder run(Path plan, Path log, Path out, int barrierLines) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				ItineraCommand.class.getName(), "run", plan.toString(), "--events", log.toString(), "--out", out.toString(),
				"--workers", "2", "--barrier-lines", String.valueOf(barrierLines), "--checkpoint-ms", "0", "--no-progress");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
	}

	static String finish(ProcessBuilder builder) throws IOException, InterruptedException {
		Process process = builder.start();
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "run did not finish");
		String output = Files.readString(builder.redirectOutput().file().toPath());
		assertEquals(0, process.exitValue(), output);
		return output;
	}
}
