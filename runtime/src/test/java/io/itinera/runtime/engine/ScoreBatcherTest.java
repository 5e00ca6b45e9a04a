package io.itinera.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.scoring.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScoreBatcherTest {
	private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
	private final Scorer doubling = (model, rows) -> {
		batchSizes.add(rows.length);
		float[] scores = new float[rows.length];
		for (int i = 0; i < rows.length; i++) {
			scores[i] = rows[i][0] * 2;
		}
		return scores;
	};

	@Test
	void requestsFromManySubmittersShareBatchesAndGetTheirOwnAnswers() throws Exception {
		try (ScoreBatcher batcher = new ScoreBatcher(doubling, 64, 50_000, 8)) {
			List<CompletableFuture<float[]>> answers = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				answers.add(batcher.submit("m", new float[][] { { i } }));
			}
			for (int i = 0; i < 200; i++) {
				assertArrayEquals(new float[] { 2f * i }, answers.get(i).get());
			}
		}
		assertTrue(batchSizes.stream().allMatch(size -> size <= 64), batchSizes.toString());
		assertTrue(batchSizes.size() <= 8, "200 single rows in " + batchSizes.size() + " batches");
	}

	@Test
	void aBatchGoesAfterTheWaitEvenWhenNotFull() throws Exception {
		try (ScoreBatcher batcher = new ScoreBatcher(doubling, 1000, 1_000, 4)) {
			long start = System.nanoTime();
			assertArrayEquals(new float[] { 6f }, batcher.submit("m", new float[][] { { 3 } }).get());
			assertTrue(System.nanoTime() - start < 2_000_000_000L);
		}
	}

	@Test
	void scoringNowRunsTheRowsAtOnceInOrder() {
		try (ScoreBatcher batcher = new ScoreBatcher(doubling, 2, 10_000_000, 4)) {
			Map<String, float[]> scores = batcher.scoreAll(Map.of("m", new float[][] { { 1 }, { 2 }, { 3 } }), true);
			assertArrayEquals(new float[] { 2, 4, 6 }, scores.get("m"));
		}
		assertEquals(List.of(3), batchSizes, "one submission is never split");
	}
}
