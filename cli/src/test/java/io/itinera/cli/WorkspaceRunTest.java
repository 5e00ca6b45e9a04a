package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code itinera run journeys/workspace}: six journeys over one generated log. The output files are
 * the same byte for byte (with the same barriers, which order the lines) with one worker, two
 * workers, and a run killed (SIGKILL) and resumed, and {@code simulate} gives the same lines; every
 * line names its journey; a workspace file's bad line and a changed journey are refused by file and line.
 */
class WorkspaceRunTest {
	static final Path WORKSPACE = Path.of("..", "journeys", "workspace");
	static final List<String> FILES = List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES, JsonLinesOutput.SUPPRESSIONS);

	@TempDir
	static Path dir;
	static Path log;

	@BeforeAll
	static void generateTheLog() throws IOException {
		log = dir.resolve("events.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(20_000, 1_500, 17, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 20, false).write(out);
		}
	}

	@Test
	void oneAndTwoWorkersAndAKilledRunGiveTheSameFiles() throws Exception {
		Path one = dir.resolve("one");
		String summary = execute(0, "run", WORKSPACE.toString(), "--events", log.toString(), "--out", one.toString(), "--workers", "1",
				"--barrier-lines", "500", "--no-progress");
		assertTrue(summary.contains("Workspace") && summary.contains("CartRescue/Abandoned"), summary);
		List<String> suppressions = Files.readAllLines(one.resolve(JsonLinesOutput.SUPPRESSIONS));
		assertTrue(suppressions.stream().anyMatch(line -> line.contains("\"outcome\":\"HELD_BY_PRIORITY\"")
				&& line.contains("\"lostTo\":{\"journey\":\"FirstOrder\"") && line.contains("\"cap\":\"workspace email 1 per 1 day\"")),
				"Loyalty loses the day's email to FirstOrder and holds (on conflict hold)");
		assertTrue(suppressions.stream().anyMatch(line -> line.contains("\"outcome\":\"SUPPRESSED_BY_CAP\"")));
		assertTrue(suppressions.stream().anyMatch(line -> line.contains("\"outcome\":\"HELD_BY_QUIET_HOURS\"")));
		for (String file : FILES) {
			List<String> lines = Files.readAllLines(one.resolve(file));
			assertTrue(lines.size() > 50, file + ": " + lines.size() + " lines");
			assertTrue(lines.stream().allMatch(line -> line.contains("\"journey\":\"")), file + ": every line names its journey");
		}
		assertNoMessageTwice(one);

		Path simulated = dir.resolve("simulated");
		String simulation = execute(0, "simulate", WORKSPACE.toString(), "--events", log.toString(), "--out", simulated.toString(),
				"--no-progress");
		for (String file : FILES) {
			assertEquals(sortedLines(one.resolve(file)), sortedLines(simulated.resolve(file)), file + " of run and simulate");
		}
		for (String journey : List.of("CartRescue", "FirstOrder", "Loyalty", "BrowseNudge", "Launch", "Winback")) {
			assertTrue(Files.isRegularFile(simulated.resolve(journey).resolve("report.html")), simulation);
			assertTrue(simulation.contains(journey + ": "), simulation);
		}

		Path two = dir.resolve("two");
		execute(0, "run", WORKSPACE.toString(), "--events", log.toString(), "--out", two.toString(), "--workers", "2",
				"--barrier-lines", "500", "--no-progress");
		assertSameFiles(one, two);

		Path killed = dir.resolve("killed");
		Process process = process(killed).start();
		Path changes = killed.resolve(JsonLinesOutput.STAGE_CHANGES);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (process.isAlive() && (!Files.exists(changes) || Files.size(changes) < 100_000) && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertTrue(process.isAlive(), "the run ended before it could be killed: " + Files.readString(logOf(killed)));
		process.destroyForcibly();
		assertTrue(process.waitFor(30, TimeUnit.SECONDS));
		Process resumed = process(killed).start();
		assertTrue(resumed.waitFor(180, TimeUnit.SECONDS));
		String output = Files.readString(logOf(killed));
		assertEquals(0, resumed.exitValue(), output);
		assertTrue(output.contains("Resumed after line"), output);
		assertSameFiles(one, killed);
	}

	/** An action id is written once: no message goes twice, whichever journey or hold it came through. */
	private static void assertNoMessageTwice(Path out) throws IOException {
		List<String> ids = new ArrayList<>();
		for (String line : Files.readAllLines(out.resolve(JsonLinesOutput.ACTIONS))) {
			ids.add(line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\"id\":\"") + 22));
		}
		assertEquals(ids.size(), ids.stream().distinct().count(), "an action id written twice");
	}

	@Test
	void aBadWorkspaceLineIsNamedByFileAndLine() throws IOException {
		Path folder = copyOfTheWorkspace("bad");
		Files.writeString(folder.resolve("itinera.workspace"), "cap email 2 per 7 days\nemail twice a week\n");
		String output = execute(1, "run", folder.toString(), "--events", log.toString(), "--out", dir.resolve("bad-out").toString(),
				"--no-progress");
		assertTrue(output.contains(folder.resolve("itinera.workspace") + ":2: cannot read 'email twice a week'; write cap"), output);
		assertTrue(!output.contains("Exception"), output);
	}

	@Test
	void aResumedWorkspaceRefusesAJourneyThatChangedNamingIt() throws IOException {
		Path folder = copyOfTheWorkspace("changing");
		Path out = dir.resolve("changing-out");
		execute(0, "run", folder.toString(), "--events", log.toString(), "--out", out.toString(), "--no-progress");
		Path winback = folder.resolve("winback.journey");
		Files.writeString(winback, Files.readString(winback).replace("after 21 days -> Lapsing", "after 28 days -> Lapsing"));
		String output = execute(2, "run", folder.toString(), "--events", log.toString(), "--out", out.toString(), "--no-progress");
		assertTrue(output.contains("winback.journey has changed since the run in"), output);
		assertTrue(output.contains("is now after 28 days"), output);
	}

	private static Path copyOfTheWorkspace(String name) throws IOException {
		Path folder = Files.createDirectories(dir.resolve(name));
		try (Stream<Path> files = Files.list(WORKSPACE)) {
			for (Path file : files.toList()) {
				Files.copy(file, folder.resolve(file.getFileName()));
			}
		}
		return folder;
	}

	private static List<String> sortedLines(Path file) throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		java.util.Collections.sort(lines);
		return lines;
	}

	private static void assertSameFiles(Path expected, Path actual) throws IOException {
		for (String file : FILES) {
			assertEquals(Files.readString(expected.resolve(file)), Files.readString(actual.resolve(file)),
					file + " of " + expected.getFileName() + " and " + actual.getFileName());
		}
	}

	private static Path logOf(Path out) {
		return out.resolveSibling(out.getFileName() + ".log");
	}

	private static ProcessBuilder process(Path out) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				ItineraCommand.class.getName(), "run", WORKSPACE.toString(), "--events", log.toString(), "--out", out.toString(),
				"--workers", "2", "--barrier-lines", "500", "--checkpoint-ms", "0", "--no-progress")
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(out).toFile()));
	}

	private static String execute(int expectedCode, String... args) {
		StringWriter text = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(text));
		command.setErr(new PrintWriter(text));
		int code = command.execute(args);
		assertEquals(expectedCode, code, String.join(" ", args) + "\n" + text);
		return text.toString();
	}
}
