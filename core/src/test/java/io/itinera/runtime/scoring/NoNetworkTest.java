package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.testmodels.OnnxTestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that loading and scoring a model opens no connection beyond loopback, in a child JVM
 * whose environment and properties carry none of the test settings' DJL switches, so only
 * Itinera's own {@link DjlOffline} can keep DJL quiet. The control run starts DJL bare in the
 * same kind of JVM and must be caught calling home: that is what shows the probe can fail.
 */
class NoNetworkTest {
	@TempDir
	Path dir;

	@Test
	void loadingAndScoringAModelAttemptsNoConnection() throws Exception {
		Path model = OnnxTestModels.softmaxRegression(dir.resolve("intent.onnx"), new float[3][2], new float[2]);
		Path cache = dir.resolve("djl-cache");
		List<String> output = runProbe(cache, "itinera", model.toString());
		assertTrue(output.contains("SCORES 64"), String.join("\n", output));
		assertEquals(List.of(), attempts(output));
		assertFalse(hasFiles(cache), "DJL's cache folder was written to (a download?)");
	}

	@Test
	void theProbeCatchesDjlCallingHomeWhenNotSwitchedOff() throws Exception {
		List<String> output = runProbe(dir.resolve("djl-cache"), "bare-djl");
		assertTrue(output.contains("DONE"), String.join("\n", output));
		assertFalse(attempts(output).isEmpty(), "the control run should have tried to call home:\n" + output);
	}

	private static List<String> attempts(List<String> output) {
		return output.stream().filter(line -> line.startsWith("ATTEMPT ")).toList();
	}

	private static boolean hasFiles(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return false;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.anyMatch(Files::isRegularFile);
		}
	}

	private static List<String> runProbe(Path cache, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"),
				"-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache,
				NetworkProbe.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf(name -> name.equals("OPT_OUT_TRACKING") || name.startsWith("DJL_")
				|| name.equals("ENGINE_CACHE_DIR"));
		Process process = builder.start();
		List<String> lines;
		try (var reader = process.inputReader()) {
			lines = reader.lines().toList();
		}
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
		assertEquals(0, process.exitValue(), String.join("\n", lines));
		return lines;
	}
}
