package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A stopped {@code itinera flink} stops its job's process: SIGTERM, then SIGKILL for one that ignores it. */
class JobProcessStopTest {
	@Test
	void aProcessThatEndsOnSigtermIsStoppedSo() throws Exception {
		Process child = started("echo ready; exec sleep 60");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		JobProcessStop.stop(child, Duration.ofSeconds(20), "the local job was cancelled", new PrintStream(err, true, StandardCharsets.UTF_8));
		assertFalse(child.isAlive());
		assertEquals("itinera flink: stopped; the local job was cancelled", err.toString(StandardCharsets.UTF_8).strip());
	}

	@Test
	void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
		Process child = started("trap '' TERM; echo ready; while :; do sleep 1; done");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		long start = System.nanoTime();
		JobProcessStop.stop(child, Duration.ofSeconds(1), "the local job was cancelled", new PrintStream(err, true, StandardCharsets.UTF_8));
		assertFalse(child.isAlive());
		assertTrue(System.nanoTime() - start >= 1_000_000_000L, "it had its grace");
		String message = err.toString(StandardCharsets.UTF_8).strip();
		assertEquals("itinera flink: stopped; the local job was cancelled (killed: it did not stop within 1 s)", message);
	}

	private static Process started(String script) throws Exception {
		Process child = new ProcessBuilder("sh", "-c", script).start();
		assertEquals("ready", new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine());
		return child;
	}
}
