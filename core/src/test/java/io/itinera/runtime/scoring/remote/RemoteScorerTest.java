package io.itinera.runtime.scoring.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.scoring.ModelLoadException;
import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.ScorerOptions;
import io.itinera.testmodels.InferenceServerStub;
import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote scorer against a real Open Inference Protocol server on loopback that runs the same
 * ONNX file with ONNX Runtime: the same scores as in process, and what happens when the server
 * fails, is slow, is down or describes another model.
 */
class RemoteScorerTest {
	private static final float[][] WEIGHTS = { { 0.1f, 0.4f }, { 0.2f, -0.3f }, { -0.5f, 0.05f } };
	private static final List<String> INPUTS = List.of("views7d", "cartValue", "daysIdle");
	/** Quick to give up, so failure tests take milliseconds. */
	private static final RemoteSettings QUICK = new RemoteSettings(Duration.ofMillis(300), 3, Duration.ofMillis(5),
			Duration.ofMillis(40), 2, Duration.ofMillis(200));

	@TempDir
	Path dir;
	Path model;
	InferenceServerStub server;

	@BeforeEach
	void serveTheModel() throws Exception {
		model = OnnxTestModels.softmaxRegression(dir.resolve("intent.onnx"), WEIGHTS, new float[2]);
		OnnxTestModels.renameOutput(model, "output", "probability");
		server = InferenceServerStub.start().serve("intent", model);
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private RemoteScorer scorer(String url, Double fallback) throws ModelLoadException {
		return RemoteScorer.connect(List.of(new RemoteModelSpec("intent", url, INPUTS, "probability", OptionalInt.of(1),
				Path.of("intent.onnx"), fallback)), dir, QUICK, Map.of());
	}

	/** Rows of feature values, one in ten missing (NaN). */
	private static float[][] rows(int count, long seed) {
		return rows(count, seed, 10);
	}

	/** Rows of feature values, none missing. */
	private static float[][] fullRows(int count, long seed) {
		return rows(count, seed, Integer.MAX_VALUE);
	}

	private static float[][] rows(int count, long seed, int oneMissingIn) {
		Random random = new Random(seed);
		float[][] rows = new float[count][3];
		for (float[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				row[i] = random.nextInt(oneMissingIn) == 0 ? Float.NaN : random.nextFloat() * 50 - 5;
			}
		}
		return rows;
	}

	@Test
	void scoresAsTheModelDoesInProcessForEveryBatchSize() throws Exception {
		try (OnnxScorer local = OnnxScorer.forModels(Map.of("intent", new ModelSpec("intent", model, INPUTS, "probability",
				OptionalInt.of(1), io.itinera.runtime.scoring.DeviceChoice.CPU)), dir, ScorerOptions.defaults());
				RemoteScorer remote = scorer(server.modelUrl("intent"), null)) {
			for (int batch : new int[] { 1, 64, 1024 }) {
				float[][] rows = rows(batch, batch);
				assertArrayEquals(local.score("intent", rows), remote.score("intent", rows), "batch of " + batch);
			}
			assertEquals(3, server.inferRequests(), "one request a batch");
			assertEquals("remote " + server.modelUrl("intent"), remote.device("intent"));
		}
	}

	@Test
	void aServerErrorIsTriedAgain() throws Exception {
		try (RemoteScorer remote = scorer(server.modelUrl("intent"), -1.0)) {
			server.failNext(2, 503);
			float[] scores = remote.score("intent", fullRows(8, 1));
			assertTrue(scores[0] >= 0 && scores[0] <= 1, "the third try answered: " + scores[0]);
			assertEquals(3, server.inferRequests());
			assertEquals(0, remote.fallbackRows());
		}
	}

	@Test
	void whileTheServerFailsAModelWithAFallbackScoresItAndTheBreakerStopsAsking() throws Exception {
		try (RemoteScorer remote = scorer(server.modelUrl("intent"), 0.25)) {
			server.failNext(1_000, 503);
			assertArrayEquals(new float[] { 0.25f, 0.25f }, remote.score("intent", rows(2, 1)));
			assertArrayEquals(new float[] { 0.25f, 0.25f }, remote.score("intent", rows(2, 2)));
			long askedWhileClosing = server.inferRequests();
			assertEquals(6, askedWhileClosing, "two batches of three tries open the circuit");
			assertArrayEquals(new float[] { 0.25f }, remote.score("intent", rows(1, 3)));
			assertEquals(askedWhileClosing, server.inferRequests(), "an open circuit sends nothing");
			assertEquals(5, remote.fallbackRows());

			server.failNext(0, 503);
			Thread.sleep(250); // the circuit half opens
			assertEquals(1, remote.score("intent", fullRows(1, 4)).length);
			assertEquals(5, remote.fallbackRows(), "the server answers again");
		}
	}

	@Test
	void aSlowServerTimesOutIntoTheFallback() throws Exception {
		try (RemoteScorer remote = scorer(server.modelUrl("intent"), 0.5)) {
			server.delay(Duration.ofMillis(1_000));
			assertArrayEquals(new float[] { 0.5f }, remote.score("intent", rows(1, 1)));
		}
	}

	@Test
	void withoutAFallbackTheCustomersWaitUntilTheServerAnswers() throws Exception {
		try (RemoteScorer remote = scorer(server.modelUrl("intent"), null)) {
			server.failNext(7, 503);
			float[][] rows = fullRows(4, 9);
			CompletableFuture<float[]> held = CompletableFuture.supplyAsync(() -> remote.score("intent", rows));
			float[] scores = held.get(20, TimeUnit.SECONDS);
			assertTrue(server.inferRequests() >= 8, "held through the failures: " + server.inferRequests());
			for (float score : scores) {
				assertTrue(score >= 0 && score <= 1, "a real score: " + score);
			}
		}
	}

	@Test
	void aServerThatIsDownAtTheStartIsBoundByTheFileAndFallsBack() throws Exception {
		String url = server.modelUrl("intent");
		server.close();
		try (RemoteScorer remote = scorer(url, 0.0)) {
			assertArrayEquals(new float[] { 0f, 0f }, remote.score("intent", rows(2, 1)));
			assertEquals(2, remote.fallbackRows());
		}
	}

	@Test
	void aServerDescribingAnotherModelIsRefusedAtTheStart() throws Exception {
		Path other = OnnxTestModels.softmaxRegression(dir.resolve("other.onnx"), new float[][] { { 1, 0 }, { 0, 1 } },
				new float[2]);
		server.serve("other", other);
		ModelLoadException refused = assertThrows(ModelLoadException.class, () -> scorer(server.modelUrl("other"), null));
		assertTrue(refused.getMessage().startsWith("model intent as declared does not fit the inference server at "),
				refused.getMessage());
	}

	@Test
	void anAddressMayNameEnvironmentVariables() throws Exception {
		String url = server.modelUrl("intent");
		String host = url.substring("http://".length(), url.indexOf("/v2/"));
		RemoteModelSpec spec = new RemoteModelSpec("intent", "http://${SCORING_HOST}/v2/models/intent", INPUTS, "probability",
				OptionalInt.of(1), Path.of("intent.onnx"), null);
		assertEquals(url, spec.resolvedUrl(Map.of("SCORING_HOST", host)));
		IllegalArgumentException unset = assertThrows(IllegalArgumentException.class, () -> spec.resolvedUrl(Map.of()));
		assertTrue(unset.getMessage().contains("the environment variable SCORING_HOST is not set"), unset.getMessage());
	}
}
