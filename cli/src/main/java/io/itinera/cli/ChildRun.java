package io.itinera.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command run in a child process and watched from outside: its wall time, its peak resident
 * memory (the kernel's high-water mark, read from /proc while it runs) and its output.
 */
record ChildRun(int exitCode, double wallSeconds, long peakRssKiB, String output) {
	private static final Pattern HIGH_WATER = Pattern.compile("VmHWM:\\s+(\\d+) kB");
	private static final Pattern ENGINE_SPEED = Pattern.compile("speed\\s+([\\d,]+) events/s \\(([\\d,]+) events");

	static ChildRun start(List<String> command) throws IOException, InterruptedException {
		Path log = Files.createTempFile("itinera-child", ".log");
		try {
			long started = System.nanoTime();
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			Path status = Path.of("/proc", Long.toString(process.pid()), "status");
			long peak = 0;
			while (process.isAlive()) {
				peak = Math.max(peak, highWaterMark(status));
				Thread.sleep(20);
			}
			double wall = (System.nanoTime() - started) / 1e9;
			return new ChildRun(process.exitValue(), wall, peak, Files.readString(log, StandardCharsets.UTF_8));
		} finally {
			Files.deleteIfExists(log);
		}
	}

	private static long highWaterMark(Path status) {
		try {
			Matcher m = HIGH_WATER.matcher(Files.readString(status));
			return m.find() ? Long.parseLong(m.group(1)) : 0;
		} catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	/** The events/s the run printed for its engine, or NaN. */
	double engineEventsPerSecond() {
		Matcher m = ENGINE_SPEED.matcher(output);
		return m.find() ? Double.parseDouble(m.group(1).replace(",", "")) : Double.NaN;
	}

	/** The events the run read, as it printed them, or 0. */
	long events() {
		Matcher m = ENGINE_SPEED.matcher(output);
		return m.find() ? Long.parseLong(m.group(2).replace(",", "")) : 0;
	}
}
