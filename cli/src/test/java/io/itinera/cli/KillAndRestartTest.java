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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THE restart test: a real {@code itinera run} process is killed (SIGKILL, no shutdown hooks)
 * half-way and started again with the same command; the result must equal an uninterrupted run.
 * Ctrl-C (SIGINT) or SIGTERM at any point: the stop line and the summary are printed once each, whole,
 * and the next run resumes after the very line the stop named.
 */
class KillAndRestartTest {
	private static final Pattern STOPPED = Pattern.compile("Stopped after line ([\\d,]+); run the same command to continue\\.");
	private static final Pattern RESUMED = Pattern.compile("Resumed after line ([\\d,]+) ");

	@TempDir
	static Path dir;
	static Path plan;
	static Path log;

	@BeforeAll
	static void compileAndGenerate() throws IOException, URISyntaxException {
		Path journey = Path.of(KillAndRestartTest.class.getResource("/restart.journey").toURI());
		plan = dir.resolve("plan.json");
		assertEquals(0, ItineraCommand.commandLine().execute("compile", journey.toString(), "-o", plan.toString()));
		log = dir.resolve("events.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(24_000, 2_000, 11, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 20, false).write(out);
		}
	}

	private static ProcessBuilder run(Path out) {
		return run(out, log);
	}

	private static ProcessBuilder run(Path out, Path log) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, ItineraCommand.class.getName(), "run", plan.toString(), "--events", log.toString(),
				"--out", out.toString(), "--workers", "2", "--barrier-lines", "1000", "--checkpoint-ms", "0",
				"--map", "type.favourite=-", "--no-progress"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
	}

	private static String finish(ProcessBuilder builder) throws IOException, InterruptedException {
		Process process = builder.start();
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "run did not finish");
		String output = Files.readString(builder.redirectOutput().file().toPath());
		assertEquals(0, process.exitValue(), output);
		return output;
	}

	@Test
	void aKilledRunRestartedGivesTheSameResultAsAnUninterruptedOne() throws Exception {
		Path whole = dir.resolve("whole");
		String wholeSummary = finish(run(whole));
		long wholeChanges = Files.size(whole.resolve(JsonLinesOutput.STAGE_CHANGES));
		assertTrue(Files.size(whole.resolve(JsonLinesOutput.ACTIONS)) > 0, "the run must send actions");

		Path killed = dir.resolve("killed");
		Process process = run(killed).start();
		Path changes = killed.resolve(JsonLinesOutput.STAGE_CHANGES);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (process.isAlive() && (!Files.exists(changes) || Files.size(changes) < wholeChanges / 3)
				&& System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertTrue(process.isAlive(), "the run ended before it could be killed:\n"
				+ Files.readString(killed.resolveSibling("killed.log")));
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
		long changesAtKill = Files.size(changes);
		assertTrue(changesAtKill < wholeChanges, "killed half-way: " + changesAtKill + " of " + wholeChanges + " bytes");

		String restartedSummary = finish(run(killed));
		assertTrue(restartedSummary.contains("Resumed after line"), restartedSummary);

		assertEquals(Files.readString(whole.resolve(JsonLinesOutput.ACTIONS)), Files.readString(killed.resolve(JsonLinesOutput.ACTIONS)));
		assertEquals(Files.readString(whole.resolve(JsonLinesOutput.STAGE_CHANGES)), Files.readString(changes));
		assertEquals(stageCounts(wholeSummary), stageCounts(restartedSummary));
		Set<String> ids = new HashSet<>();
		for (String line : Files.readAllLines(killed.resolve(JsonLinesOutput.ACTIONS))) {
			String id = line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\"id\":\"") + 22);
			assertTrue(ids.add(id), "action " + id + " written twice");
		}
	}

	@Test
	void aRunStoppedBySigtermSaysWhereAndResumesToTheSameResult() throws Exception {
		Path whole = dir.resolve("whole-for-term");
		finish(run(whole));
		Path stopped = dir.resolve("stopped");
		ProcessBuilder builder = run(stopped);
		Process process = builder.start();
		Path changes = stopped.resolve(JsonLinesOutput.STAGE_CHANGES);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (process.isAlive() && (!Files.exists(changes) || Files.size(changes) == 0) && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertTrue(process.isAlive(), "the run ended before it could be stopped");
		process.destroy();
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "a stopped run ends");
		String said = Files.readString(builder.redirectOutput().file().toPath());
		assertTrue(said.matches("(?s).*Stopped after line [\\d,]+; run the same command to continue\\..*"), said);
		assertTrue(!said.contains("Exception"), said);

		String resumed = finish(run(stopped));
		assertTrue(resumed.contains("Resumed after line"), resumed);
		assertEquals(Files.readString(whole.resolve(JsonLinesOutput.ACTIONS)), Files.readString(stopped.resolve(JsonLinesOutput.ACTIONS)));
		assertEquals(Files.readString(whole.resolve(JsonLinesOutput.STAGE_CHANGES)), Files.readString(changes));
	}

	/** The summary's lines from "customers" to "actions": customer and per-stage counts. */
	private static List<String> stageCounts(String summary) {
		List<String> lines = summary.lines().toList();
		int from = -1;
		int to = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).trim().startsWith("customers")) {
				from = i;
			} else if (lines.get(i).trim().startsWith("actions")) {
				to = i;
			}
		}
		assertTrue(from >= 0 && to > from, summary);
		return lines.subList(from, to + 1).stream().map(line -> line.replaceAll(" -> .*", "").trim()).toList();
	}

	/**
	 * Waits until the run has written stage changes of its own, {@code bytes} in all at least, then sends the
	 * signal; what the run printed.
	 */
	private static String stopAt(Path out, Path log, long bytes, String signal) throws Exception {
		Path changes = out.resolve(JsonLinesOutput.STAGE_CHANGES);
		long until = Math.max(bytes, Files.exists(changes) ? Files.size(changes) + 1 : 1);
		Process process = run(out, log).start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (process.isAlive() && (!Files.exists(changes) || Files.size(changes) < until) && System.nanoTime() < deadline) {
			Thread.sleep(2);
		}
		assertTrue(process.isAlive(), "the run ended before it could be stopped:\n" + said(out));
		new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "a stopped run ends");
		return said(out);
	}

	/** What the run into {@code out} printed. */
	private static String said(Path out) throws IOException {
		return Files.readString(out.resolveSibling(out.getFileName() + ".log"));
	}

	@Test
	void everyStopPrintsOneWholeSummaryAndTheNextRunResumesAfterTheLineItNamed() throws Exception {
		Path longLog = dir.resolve("long-events.csv");
		try (Writer out = Files.newBufferedWriter(longLog)) {
			new SyntheticEventLog(80_000, 4_000, 17, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 20, false).write(out);
		}
		Path whole = dir.resolve("whole-for-signals");
		String wholeSaid = finish(run(whole, longLog));
		assertOneWholeSummary(wholeSaid);
		long wholeChanges = Files.size(whole.resolve(JsonLinesOutput.STAGE_CHANGES));

		// stage changes are written a barrier behind the reader: stop points well before the end of the log
		Path out = dir.resolve("signalled");
		long resumeAfter = 0;
		String[] signals = { "TERM", "INT", "TERM", "TERM" };
		long[] stopAtBytes = { 1, wholeChanges / 8, wholeChanges / 4, wholeChanges * 3 / 8 };
		for (int i = 0; i < signals.length; i++) {
			String said = stopAt(out, longLog, stopAtBytes[i], signals[i]);
			assertOneWholeSummary(said);
			assertEquals(resumeAfter, resumedAfter(said), "the line a run resumes after is the one the last stop named:\n" + said);
			Matcher stopped = STOPPED.matcher(said);
			assertTrue(stopped.find(), "the stop says where: SIG" + signals[i] + "\n" + said);
			long stoppedAfter = Long.parseLong(stopped.group(1).replace(",", ""));
			assertTrue(stoppedAfter > resumeAfter, said);
			resumeAfter = stoppedAfter;
		}
		String last = finish(run(out, longLog));
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
