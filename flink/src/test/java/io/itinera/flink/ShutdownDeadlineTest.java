package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM ends a job's JVM whose shutdown hook hangs, once the deadline passes; without the deadline it would not end. */
class ShutdownDeadlineTest {
	@TempDir
	Path dir;

	@Test
	void aSignalEndsTheJvmDespiteAHangingHook() throws Exception {
		Process probe = probe("1000");
		try {
			probe.destroy(); // SIGTERM
			assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "the JVM ended");
			assertEquals(ShutdownDeadline.HALTED, probe.exitValue());
			String err = Files.readString(dir.resolve("err.txt"));
			assertTrue(err.contains("did not stop within 1 s of the signal; stopped at once"), err);
		} finally {
			probe.destroyForcibly();
		}
	}

	@Test
	void withoutTheDeadlineTheHangingHookKeepsTheJvm() throws Exception {
		Process probe = probe();
		try {
			probe.destroy();
			assertFalse(probe.waitFor(3, TimeUnit.SECONDS), "the hook holds the JVM: what the deadline is for");
		} finally {
			probe.destroyForcibly();
			probe.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private Process probe(String... graceMillis) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
				ShutdownDeadlineProbe.class.getName()));
		command.addAll(List.of(graceMillis));
		Process process = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		assertEquals("ready", out.readLine(), "the probe started");
		return process;
	}
}
