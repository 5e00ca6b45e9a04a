package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinaryEvaluationTest {
	@Test
	void aPerfectRankingHasAucOneAndAReversedOneZero() {
		boolean[] labels = {false, false, true, true};
		assertEquals(1.0, BinaryEvaluation.of(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, labels, 0.5).auc(), 1e-12);
		assertEquals(0.0, BinaryEvaluation.of(new float[] {0.9f, 0.8f, 0.2f, 0.1f}, labels, 0.5).auc(), 1e-12);
	}

	@Test
	void tiesCountHalfAndMatchAPairwiseCount() {
		float[] scores = {0.3f, 0.5f, 0.5f, 0.7f, 0.2f, 0.5f};
		boolean[] labels = {false, true, false, true, false, true};
		double wins = 0;
		int pairs = 0;
		for (int p = 0; p < scores.length; p++) {
			for (int n = 0; n < scores.length; n++) {
				if (labels[p] && !labels[n]) {
					pairs++;
					wins += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
				}
			}
		}
		assertEquals(wins / pairs, BinaryEvaluation.of(scores, labels, 0.5).auc(), 1e-12);
	}

	@Test
	void precisionAndRecallCountScoresAboveTheThreshold() {
		BinaryEvaluation evaluation = BinaryEvaluation.of(new float[] {0.9f, 0.7f, 0.65f, 0.2f, 0.55f},
				new boolean[] {true, false, true, true, false}, 0.6);
		assertEquals(3, evaluation.predictedPositive());
		assertEquals(2.0 / 3, evaluation.precision(), 1e-12);
		assertEquals(2.0 / 3, evaluation.recall(), 1e-12);
	}
}
