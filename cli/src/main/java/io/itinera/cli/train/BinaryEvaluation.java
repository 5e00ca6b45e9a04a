package io.itinera.cli.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** How well scores separate positives from negatives: ROC AUC, and precision and recall at a threshold. */
public record BinaryEvaluation(int examples, int positives, double auc, double threshold, double precision,
		double recall, int predictedPositive) {

	public static BinaryEvaluation of(float[] scores, boolean[] positive, double threshold) {
		int count = scores.length;
		int positives = 0;
		int truePositives = 0;
		int predicted = 0;
		for (int i = 0; i < count; i++) {
			positives += positive[i] ? 1 : 0;
			if (scores[i] > threshold) {
				predicted++;
				truePositives += positive[i] ? 1 : 0;
			}
		}
		double precision = predicted == 0 ? Double.NaN : (double) truePositives / predicted;
		double recall = positives == 0 ? Double.NaN : (double) truePositives / positives;
		return new BinaryEvaluation(count, positives, auc(scores, positive, positives), threshold, precision, recall,
				predicted);
	}

	/** The Mann-Whitney form: the chance a random positive outscores a random negative, ties counting half. */
	static double auc(float[] scores, boolean[] positive, int positives) {
		int count = scores.length;
		int negatives = count - positives;
		if (positives == 0 || negatives == 0) {
			return Double.NaN;
		}
		Integer[] order = IntStream.range(0, count).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
		double positiveRankSum = 0;
		int i = 0;
		while (i < count) {
			int j = i;
			while (j + 1 < count && scores[order[j + 1]] == scores[order[i]]) {
				j++;
			}
			double averageRank = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				if (positive[order[k]]) {
					positiveRankSum += averageRank;
				}
			}
			i = j + 1;
		}
		return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}
}
