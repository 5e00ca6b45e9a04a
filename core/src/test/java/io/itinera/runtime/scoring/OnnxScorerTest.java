package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxScorerTest {
	private static final float[][] WEIGHTS = {{0.3f, -0.8f}, {-0.5f, 0.9f}, {0.05f, 0.25f}, {1.2f, -0.4f}};
	private static final float[] BIAS = {0.1f, -0.35f};
	private static final List<String> FEATURES = List.of("views7d", "cartValue", "daysIdle", "spend90d");

	@TempDir
	Path dir;

	@Test
	void scoresMatchAReferenceComputedInJava() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		float[][] rows = randomRows(500, 4, 1);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", intentSpec()), dir, ScorerOptions.defaults())) {
			float[] scores = scorer.score("intent", rows);
			assertEquals(rows.length, scores.length);
			for (int i = 0; i < rows.length; i++) {
				assertEquals(OnnxTestModels.softmaxClassOne(rows[i], WEIGHTS, BIAS), scores[i], 1e-5, "row " + i);
			}
		}
	}

	@Test
	void aBatchScoresTheSameAsOneRowAtATime() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		float[][] rows = randomRows(257, 4, 2);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", intentSpec()), dir, ScorerOptions.defaults())) {
			float[] batch = scorer.score("intent", rows);
			float[] single = new float[rows.length];
			for (int i = 0; i < rows.length; i++) {
				single[i] = scorer.score("intent", new float[][] {rows[i]})[0];
			}
			assertArrayEquals(single, batch, 1e-6f);
		}
	}

	@Test
	void theDeclaredColumnIsTheScore() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		float[][] rows = randomRows(20, 4, 3);
		ModelSpec classZero = ModelSpec.of("intent", Path.of("models/intent.onnx"), FEATURES, "output", 0);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", classZero), dir, ScorerOptions.defaults())) {
			float[] scores = scorer.score("intent", rows);
			for (int i = 0; i < rows.length; i++) {
				assertEquals(1 - OnnxTestModels.softmaxClassOne(rows[i], WEIGHTS, BIAS), scores[i], 1e-5);
			}
		}
	}

	@Test
	void oneNamedInputPerFeatureIsFedColumnByColumn() throws Exception {
		float[] weights = {0.7f, -1.1f, 0.2f};
		List<String> names = List.of("recency", "frequency", "monetary");
		OnnxTestModels.namedInputsLogistic(dir.resolve("churn.onnx"), names, weights, -0.25f);
		ModelSpec churn = new ModelSpec("churn", Path.of("churn.onnx"), names, "score", OptionalInt.empty(),
				DeviceChoice.CPU);
		float[][] rows = randomRows(64, 3, 4);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("churn", churn), dir, ScorerOptions.defaults())) {
			float[] scores = scorer.score("churn", rows);
			for (int i = 0; i < rows.length; i++) {
				assertEquals(OnnxTestModels.logistic(rows[i], weights, -0.25f), scores[i], 1e-5);
			}
		}
	}

	@Test
	void threadsScoringAtOnceEachGetTheRightScores() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", intentSpec()), dir, ScorerOptions.defaults())) {
			List<Future<?>> runs = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				int seed = 10 + thread;
				runs.add(pool.submit(() -> {
					for (int round = 0; round < 20; round++) {
						float[][] rows = randomRows(33, 4, seed * 100 + round);
						float[] scores = scorer.score("intent", rows);
						for (int i = 0; i < rows.length; i++) {
							assertEquals(OnnxTestModels.softmaxClassOne(rows[i], WEIGHTS, BIAS), scores[i], 1e-5);
						}
					}
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aModelRunsOnTheCpuWhenNoGpuIsUsable() throws Exception {
		assumeTrue(ScoringDevices.whyNoGpu().isPresent(), "a GPU is usable here");
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", intentSpec()), dir, ScorerOptions.defaults())) {
			assertEquals("cpu", scorer.device("intent"));
		}
	}

	@Test
	void askingForAGpuThatIsNotThereIsAClearError() throws Exception {
		assumeTrue(ScoringDevices.whyNoGpu().isPresent(), "a GPU is usable here");
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		ModelLoadException error = assertThrows(ModelLoadException.class, () -> OnnxScorer.forModels(
				Map.of("intent", intentSpec()), dir, ScorerOptions.defaults().withDevice(DeviceChoice.GPU)));
		assertTrue(error.getMessage().startsWith("model intent is set to run on device gpu, but "), error.getMessage());
		assertTrue(error.getMessage().contains("use device auto or cpu"), error.getMessage());
	}

	@Test
	void aDeclarationThatDoesNotFitTheFileIsRefusedWithWhatTheFileExpects() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		ModelSpec threeInputs = ModelSpec.of("intent", Path.of("models/intent.onnx"), FEATURES.subList(0, 3),
				"output", 1);
		ModelLoadException error = assertThrows(ModelLoadException.class,
				() -> OnnxScorer.forModels(Map.of("intent", threeInputs), dir, ScorerOptions.defaults()));
		assertTrue(error.getMessage().contains("the file takes 4 features in one input (input: float[?, 4])"
				+ " but the declaration lists 3"), error.getMessage());
	}

	@Test
	void aMissingFileIsALoadErrorNamingTheFile() {
		ModelLoadException error = assertThrows(ModelLoadException.class,
				() -> OnnxScorer.forModels(Map.of("intent", intentSpec()), dir, ScorerOptions.defaults()));
		assertTrue(error.getMessage().contains("intent.onnx does not exist"), error.getMessage());
	}

	@Test
	void aRowOfTheWrongWidthIsRejected() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), WEIGHTS, BIAS);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", intentSpec()), dir, ScorerOptions.defaults())) {
			assertThrows(IllegalArgumentException.class, () -> scorer.score("intent", new float[][] {{1, 2, 3}}));
			assertThrows(IllegalArgumentException.class, () -> scorer.score("churn", new float[][] {{1, 2, 3, 4}}));
			assertEquals(0, scorer.score("intent", new float[0][]).length);
		}
	}

	private static ModelSpec intentSpec() {
		return ModelSpec.of("intent", Path.of("models/intent.onnx"), FEATURES, "output", 1);
	}

	static float[][] randomRows(int count, int width, long seed) {
		Random random = new Random(seed);
		float[][] rows = new float[count][width];
		for (float[] row : rows) {
			for (int j = 0; j < width; j++) {
				row[j] = (float) (random.nextGaussian() * 3);
			}
		}
		return rows;
	}
}
