package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium, run once per call, for tests that check a page as a browser lays it out. */
final class HeadlessChromium {
	static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	private HeadlessChromium() {
	}

	/** Skips the calling test, saying what goes unchecked, where Chromium is not installed. */
	static void assumeInstalled(String unchecked) {
		assumeTrue(Files.isExecutable(EXECUTABLE),
				"/usr/bin/chromium is not installed (apt-get install -y chromium): " + unchecked + " is not checked");
	}

	/** What Chromium printed, and its log: console messages show there as {@code CONSOLE} lines. */
	record Logged(String out, String log) {
	}

	/** As {@link #run}, with the browser's log (console messages included) kept. */
	static Logged runLogged(Path scratch, String... args) throws IOException, InterruptedException {
		Path log = Files.createTempFile(scratch, "chromium", ".log");
		List<String> all = new ArrayList<>(List.of("--enable-logging=stderr", "--v=0"));
		all.addAll(List.of(args));
		String out = runLoggingTo(log, scratch, all.toArray(String[]::new));
		return new Logged(out, Files.readString(log, StandardCharsets.UTF_8));
	}

	/** Runs Chromium with {@code args}, its profile and output in {@code scratch}; returns what it printed. */
	static String run(Path scratch, String... args) throws IOException, InterruptedException {
		return runLoggingTo(null, scratch, args);
	}

	private static String runLoggingTo(Path log, Path scratch, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + Files.createTempDirectory(scratch, "chromium")));
		command.addAll(List.of(args));
		Path output = Files.createTempFile(scratch, "chromium", ".out");
		Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile())).start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("chromium did not finish in 90 s");
		}
		assertEquals(0, process.exitValue(), "chromium's exit status");
		return Files.readString(output, StandardCharsets.UTF_8);
	}
}
