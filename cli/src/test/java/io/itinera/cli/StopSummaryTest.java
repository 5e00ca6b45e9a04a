package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) or SIGTERM at any point of a real {@code itinera run} process: the stop line and the
 * summary are printed once each, whole, and the next run resumes after the very line the stop named.
 */
class StopSummaryTest {
	private static final Pattern STOPPED = Pattern.compile("Stopped after line ([\\d,]+); run the same command to continue\\.");
	private static final Pattern RESUMED = Pattern.compile("Resumed after line ([\\d,]+) ");

	@TempDir
	static Path dir;
	static Path plan;
	static Path log;

	@BeforeAll
	static void compileAndGenerate() throws IOException, URISyntaxException {
		Path journey = Path.of(StopSummaryTest.class.getResource("/restart.journey").toURI());
		plan = dir.resolve("plan.json");
		assertEquals(0, ItineraCommand.commandLine().execute("compile", journey.toString(), "-o", plan.toString()));
		log = dir.resolve("events.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(40_000, 3_000, 17, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 20, false).write(out);
		}
	}

	private static Process start(Path out) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, ItineraCommand.class.getName(), "run", plan.toString(), "--events", log.toString(),
				"--out", out.toString(), "--workers", "2", "--barrier-lines", "1000", "--checkpoint-ms", "0",
				"--map", "type.favourite=-", "--no-progress"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logOf(out).toFile()).start();
	}

	private static Path logOf(Path out) {
		return out.resolveSibling(out.getFileName() + ".log");
	}

	/** Waits until the run has written {@code bytes} of stage changes, then sends the signal; what the run printed. */
	private static String stopAt(Path out, long bytes, String signal) throws Exception {
		Process process = start(out);
		Path changes = out.resolve(JsonLinesOutput.STAGE_CHANGES);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (process.isAlive() && (!Files.exists(changes) || Files.size(changes) < bytes) && System.nanoTime() < deadline) {
			Thread.sleep(2);
		}
		assertTrue(process.isAlive(), "the run ended before it could be stopped:\n" + Files.readString(logOf(out)));
		new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "a stopped run ends");
		return Files.readString(logOf(out));
	}

	private static String finish(Path out) throws Exception {
		Process process = start(out);
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "run did not finish");
		String said = Files.readString(logOf(out));
		assertEquals(0, process.exitValue(), said);
		return said;
	}

	@Test
	void everyStopPrintsOneWholeSummaryAndTheNextRunResumesAfterTheLineItNamed() throws Exception {
		Path whole = dir.resolve("whole");
		String wholeSaid = finish(whole);
		assertOneWholeSummary(wholeSaid);
		long wholeChanges = Files.size(whole.resolve(JsonLinesOutput.STAGE_CHANGES));

		Path out = dir.resolve("stopped");
		long resumeAfter = 0;
		String[] signals = { "TERM", "INT", "TERM", "TERM" };
		long[] stopAtBytes = { 1, wholeChanges / 4, wholeChanges / 2, wholeChanges * 3 / 4 };
		for (int i = 0; i < signals.length; i++) {
			String said = stopAt(out, stopAtBytes[i], signals[i]);
			assertOneWholeSummary(said);
			assertEquals(resumeAfter, resumedAfter(said), "the line a run resumes after is the one the last stop named:\n" + said);
			Matcher stopped = STOPPED.matcher(said);
			assertTrue(stopped.find(), "the stop says where: SIG" + signals[i] + "\n" + said);
			long stoppedAfter = Long.parseLong(stopped.group(1).replace(",", ""));
			assertTrue(stoppedAfter > resumeAfter, said);
			resumeAfter = stoppedAfter;
		}
		String last = finish(out);
		assertOneWholeSummary(last);
		assertEquals(resumeAfter, resumedAfter(last), last);
		assertEquals(Files.readString(whole.resolve(JsonLinesOutput.ACTIONS)), Files.readString(out.resolve(JsonLinesOutput.ACTIONS)));
	}

	/** One stop line at most, one summary from its title to its last line, nothing from a stack trace. */
	private static void assertOneWholeSummary(String said) {
		assertTrue(count(said, "Stopped after") <= 1, "the stop line once:\n" + said);
		assertEquals(1, count(said, "Journey RestartTest over"), "the summary once:\n" + said);
		assertEquals(1, count(said, "  timers pending"), "the whole summary:\n" + said);
		assertEquals(1, count(said, "  speed "), "the whole summary, to its last line:\n" + said);
		assertTrue(said.stripTrailing().lines().reduce((a, b) -> b).orElse("").startsWith("  speed "),
				"the summary is the last thing said:\n" + said);
		assertTrue(!said.contains("Exception"), said);
	}

	private static long resumedAfter(String said) {
		Matcher resumed = RESUMED.matcher(said);
		return resumed.find() ? Long.parseLong(resumed.group(1).replace(",", "")) : 0;
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			n++;
		}
		return n;
	}
}
