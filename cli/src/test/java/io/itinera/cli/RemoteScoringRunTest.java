package io.itinera.cli;

import static io.itinera.cli.InProcessCli.succeeding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.testmodels.InferenceServerStub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code device remote "URL"} end to end: the sample cart-recovery journey run with its intent
 * model scored in process, and again with the model served by an Open Inference Protocol server on
 * loopback (ONNX Runtime over the same file), gives the same actions and stage changes. The
 * trigger's threshold is set where the sample log's scores fall on both sides of it (59 of 464
 * abandoned carts go to HighIntent), so a wrong score would change the outcome.
 */
class RemoteScoringRunTest {
	private static final Path JOURNEYS = Path.of("..", "journeys").toAbsolutePath().normalize();
	private static final Path MODEL = JOURNEYS.resolve("models/purchase_intent.onnx");

	@TempDir
	Path dir;

	@Test
	void aModelScoredByAnInferenceServerDecidesAsTheModelInProcess() throws Exception {
		Path log = JOURNEYS.resolve("data/shop-20k.csv");
		Path local = dir.resolve("local");
		succeeding("run", copy("cart-recovery-local.journey", null).toString(), "--events", log.toString(), "--map",
				"type.favourite=-", "--out", local.toString(), "--no-progress");

		try (InferenceServerStub server = InferenceServerStub.start().serve("purchase_intent", MODEL)) {
			Path journey = copy("cart-recovery-remote.journey", server.modelUrl("purchase_intent"));
			Path remote = dir.resolve("remote");
			succeeding("run", journey.toString(), "--events", log.toString(), "--map", "type.favourite=-",
					"--out", remote.toString(), "--workers", "2", "--no-progress");
			assertTrue(server.rowsScored() > 1_000, "the server scored the customers: " + server.rowsScored());
			assertTrue(server.inferRequests() < server.rowsScored(), "in batches: " + server.inferRequests() + " requests");
			assertEquals(Files.readString(local.resolve("actions.jsonl")), Files.readString(remote.resolve("actions.jsonl")));
			String changes = Files.readString(remote.resolve("stage-changes.jsonl"));
			assertEquals(Files.readString(local.resolve("stage-changes.jsonl")), changes);
			long highIntent = changes.lines().filter(line -> line.contains("\"to\":\"HighIntent\"")).count();
			long abandoned = changes.lines().filter(line -> line.contains("\"to\":\"Abandoned\"")).count();
			assertTrue(highIntent > 10 && highIntent < abandoned, "the scores split the abandoned carts: " + highIntent + " of "
					+ abandoned);
		}
	}

	/**
	 * The sample journey with the trigger's threshold at 0.08, its model declared {@code device
	 * remote} at {@code url} unless null (the file stays its reference).
	 */
	private Path copy(String name, String url) throws Exception {
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
}
