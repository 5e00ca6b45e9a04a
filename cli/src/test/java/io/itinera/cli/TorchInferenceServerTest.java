package io.itinera.cli;

import static io.itinera.cli.InProcessCli.succeeding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU check's server (bench/gpu/v2_server.py: the sample intent model's ONNX converted to a
 * PyTorch module, served over the Open Inference Protocol) run here on the CPU: the sample
 * cart-recovery journey scored by it decides as with the model in process (ONNX Runtime). Skipped
 * where no Python can import torch (set ITINERA_TORCH_PYTHON to one that can).
 */
class TorchInferenceServerTest {
	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
	private static final Path JOURNEYS = ROOT.resolve("journeys");
	private static final Path MODEL = JOURNEYS.resolve("models/purchase_intent.onnx");
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	@Test
	void theTorchServerDecidesAsTheModelInProcess() throws Exception {
		String python = System.getenv().getOrDefault("ITINERA_TORCH_PYTHON", "python3");
		assumeTrue(imports(python, "torch"), "skipped: " + python + " cannot import torch; set ITINERA_TORCH_PYTHON to a Python"
				+ " with torch (bench/gpu/README.md) to run the GPU check's server here on the CPU");
		Path portFile = dir.resolve("port");
		Process server = new ProcessBuilder(python, ROOT.resolve("bench/gpu/v2_server.py").toString(), "--device", "cpu", "--port",
				"0", "--port-file", portFile.toString(), "--model", "purchase_intent=" + MODEL).redirectErrorStream(true)
				.redirectOutput(dir.resolve("server.log").toFile()).start();
		try {
			String address = "127.0.0.1:" + awaitPort(server, portFile);
			Path log = JOURNEYS.resolve("data/shop-20k.csv");
			List<String> run = List.of("run", "--events", log.toString(), "--map", "type.favourite=-", "--in-memory", "--no-progress");
			Path local = dir.resolve("local");
			succeeding(concat(run, journey("local.journey", null).toString(), "--out", local.toString()));
			Path remote = dir.resolve("remote");
			succeeding(concat(run, journey("remote.journey", "http://" + address + "/v2/models/purchase_intent").toString(), "--out",
					remote.toString()));

			assertEquals(Files.readString(local.resolve("stage-changes.jsonl")), Files.readString(remote.resolve("stage-changes.jsonl")));
			List<String> expected = Files.readAllLines(local.resolve("actions.jsonl"));
			List<String> actual = Files.readAllLines(remote.resolve("actions.jsonl"));
			assertEquals(expected.size(), actual.size(), "actions");
			for (int i = 0; i < expected.size(); i++) {
				assertSameDecision(expected.get(i), actual.get(i));
			}
			JsonNode stats = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address
					+ "/v2/stats")).build(), HttpResponse.BodyHandlers.ofString()).body());
			assertTrue(stats.path("rows").asLong() > 1_000, "the torch server scored the customers: " + stats);
			assertTrue(expected.size() > 100, "the journey acted: " + expected.size());
		} finally {
			server.destroy();
			server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** The same action; the score it records may differ in the last float bit (torch against ONNX Runtime). */
	private static void assertSameDecision(String expectedLine, String actualLine) throws IOException {
		ObjectNode expected = (ObjectNode) JSON.readTree(expectedLine);
		ObjectNode actual = (ObjectNode) JSON.readTree(actualLine);
		JsonNode expectedScores = expected.remove("scores");
		JsonNode actualScores = actual.remove("scores");
		assertEquals(expected, actual);
		if (expectedScores != null) {
			expectedScores.fields().forEachRemaining(score -> assertEquals(score.getValue().asDouble(),
					actualScores.path(score.getKey()).asDouble(Double.NaN), 1e-6, "score " + score.getKey() + " in " + actualLine));
		}
	}

	private static boolean imports(String python, String module) {
		try {
			Process check = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			// torch takes seconds to import, minutes on a machine loaded with other builds
			boolean ended = check.waitFor(180, TimeUnit.SECONDS);
			if (!ended) {
				check.destroyForcibly();
			}
			return ended && check.exitValue() == 0;
		} catch (IOException e) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private int awaitPort(Process server, Path portFile) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (!Files.exists(portFile)) {
			assertTrue(server.isAlive(), () -> "the server stopped: " + read(dir.resolve("server.log")));
			assertTrue(System.nanoTime() < deadline, () -> "the server did not listen within 180 s: " + read(dir.resolve("server.log")));
			Thread.sleep(100);
		}
		return Integer.parseInt(Files.readString(portFile).trim());
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			return e.toString();
		}
	}

	/** The sample journey with its trigger at 0.08 (scores fall on both sides), its model remote at {@code url} unless null. */
	private Path journey(String name, String url) throws IOException {
		String original = Files.readString(JOURNEYS.resolve("cart-recovery.journey"));
		String text = original.replace("\"models/purchase_intent.onnx\"", "\"" + MODEL.toString().replace("\\", "/") + "\"")
				.replace("when intent > 0.6 (leave below 0.5)", "when intent > 0.08 (leave below 0.01)");
		if (url != null) {
			text = text.replace("    output probability[1]\n  }", "    output probability[1]\n    device remote \"" + url + "\"\n  }");
		}
		assertTrue(text.contains("intent > 0.08") && (url == null || text.contains("device remote")),
				"the journey reads as this test expects");
		Path journey = dir.resolve(name);
		Files.writeString(journey, text);
		return journey;
	}

	private static String[] concat(List<String> first, String... rest) {
		String[] all = first.toArray(new String[first.size() + rest.length]);
		System.arraycopy(rest, 0, all, first.size(), rest.length);
		return all;
	}
}
