package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real ONNX recommender with known weights, through DJL: vocabulary in, top K out. */
class RecommenderScoringTest {
	/** Index 0 is padding; a..d are 1..4. Row: the last item's index; column: the next item's score. */
	static final float[][] TRANSITIONS = {
			{0.00f, 0.70f, 0.60f, 0.50f, 0.40f},
			{0.90f, 0.10f, 0.80f, 0.50f, 0.30f},
			{0.05f, 0.65f, 0.15f, 0.35f, 0.95f},
			{0.01f, 0.20f, 0.30f, 0.02f, 0.40f},
			{0.03f, 0.45f, 0.25f, 0.85f, 0.04f}};
	static final List<String> ITEMS = List.of("a", "b", "c", "d");

	@TempDir
	Path dir;

	static ModelSpec spec(int topK, int length) {
		return new ModelSpec("nextItems", Path.of("models/next.onnx"), List.of("recentItems"), "items",
				OptionalInt.of(topK), DeviceChoice.CPU,
				new ModelSpec.RecommenderSpec(Path.of("models/items.txt"), "scores", topK, length));
	}

	static void writeModel(Path dir, int length, int topK) throws Exception {
		OnnxTestModels.lastItemRecommender(dir.resolve("models/next.onnx"), TRANSITIONS, length, topK);
		Files.write(dir.resolve("models/items.txt"), ITEMS);
	}

	private OnnxScorer scorer(int topK, int length) throws Exception {
		writeModel(dir, length, topK);
		return OnnxScorer.forModels(Map.of("nextItems", spec(topK, length)), dir, ScorerOptions.defaults());
	}

	@Test
	void topItemsAreDecodedToIdsBestFirst() throws Exception {
		try (OnnxScorer scorer = scorer(3, 4)) {
			Recommendation afterB = scorer.recommend("nextItems", new String[][] {{"a", "b"}})[0];
			assertEquals(List.of("d", "a", "c"), afterB.items());
			assertArrayEquals(new float[] {0.95f, 0.65f, 0.35f}, afterB.scores(), 1e-6f);
		}
	}

	@Test
	void paddingInTheTopKIsDroppedNotRecommended() throws Exception {
		try (OnnxScorer scorer = scorer(3, 4)) {
			Recommendation afterA = scorer.recommend("nextItems", new String[][] {{"a"}})[0];
			assertEquals(List.of("b", "c"), afterA.items(), "index 0 scored highest but is padding");
			assertArrayEquals(new float[] {0.8f, 0.5f}, afterA.scores(), 1e-6f);
		}
	}

	@Test
	void unknownIdsAndEmptySequencesReadAsPadding() throws Exception {
		try (OnnxScorer scorer = scorer(3, 4)) {
			Recommendation[] answers = scorer.recommend("nextItems", new String[][] {{"a", "never-seen"}, {}});
			assertEquals(List.of("a", "b", "c"), answers[0].items());
			assertEquals(List.of("a", "b", "c"), answers[1].items());
		}
	}

	@Test
	void onlyTheLastItemsWithinTheModelsWidthGoIn() throws Exception {
		try (OnnxScorer scorer = scorer(2, 4)) {
			Recommendation answer = scorer.recommend("nextItems", new String[][] {{"a", "d", "c", "b", "a", "d"}})[0];
			assertEquals(List.of("c", "a"), answer.items());
		}
	}

	@Test
	void aBatchRecommendsTheSameAsOneCustomerAtATime() throws Exception {
		Random random = new Random(5);
		String[][] sequences = new String[300][];
		for (int i = 0; i < sequences.length; i++) {
			sequences[i] = new String[random.nextInt(7)];
			for (int j = 0; j < sequences[i].length; j++) {
				sequences[i][j] = random.nextInt(6) == 0 ? "x" + j : ITEMS.get(random.nextInt(ITEMS.size()));
			}
		}
		try (OnnxScorer scorer = scorer(3, 4)) {
			Recommendation[] batch = scorer.recommend("nextItems", sequences);
			for (int i = 0; i < sequences.length; i++) {
				assertEquals(scorer.recommend("nextItems", new String[][] {sequences[i]})[0], batch[i], "customer " + i);
			}
		}
	}

	@Test
	void aVocabularyOfAnotherSizeIsRefusedNamingBoth() throws Exception {
		writeModel(dir, 4, 3);
		Files.write(dir.resolve("models/items.txt"), List.of("a", "b", "c"));
		ModelLoadException failure = assertThrows(ModelLoadException.class,
				() -> OnnxScorer.forModels(Map.of("nextItems", spec(3, 4)), dir, ScorerOptions.defaults()));
		assertTrue(failure.getMessage().contains("the model knows 5 item indices"), failure.getMessage());
		assertTrue(failure.getMessage().contains("the vocabulary lists 3 items"), failure.getMessage());
	}

	@Test
	void aDeclaredKOrLengthTheFileDoesNotHaveIsRefused() throws Exception {
		writeModel(dir, 4, 3);
		ModelLoadException wrongK = assertThrows(ModelLoadException.class,
				() -> OnnxScorer.forModels(Map.of("nextItems", spec(5, 4)), dir, ScorerOptions.defaults()));
		assertTrue(wrongK.getMessage().contains("declare items[3]"), wrongK.getMessage());
		ModelLoadException wrongLength = assertThrows(ModelLoadException.class,
				() -> OnnxScorer.forModels(Map.of("nextItems", spec(3, 20)), dir, ScorerOptions.defaults()));
		assertTrue(wrongLength.getMessage().contains("declare it as last 4"), wrongLength.getMessage());
	}
}
