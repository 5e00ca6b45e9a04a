package io.itinera.cli.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learned segments: the customers' features scaled ({@link ClusterScaling}), clustered by k-means
 * for each k asked for, and the k with the best mean silhouette on a seeded sample of customers
 * kept (the smaller k on a tie). Everything random is drawn from {@code seed}.
 */
record SegmentTrainer(int minK, int maxK, int sampleSize, int restarts, long seed) {

	/** The chosen clustering, the scaling it was made in, and the mean silhouette of every k tried. */
	record Result(ClusterScaling scaling, double[][] points, KMeans.Clustering clustering, Map<Integer, Double> silhouettes) {
		int k() {
			return clustering.k();
		}
	}

	Result train(float[][] rows, boolean[] recency) {
		if (rows.length < maxK) {
			throw new IllegalArgumentException(rows.length + " customers are too few for up to " + maxK + " clusters");
		}
		ClusterScaling scaling = ClusterScaling.fit(rows, recency);
		double[][] points = scaling.apply(rows);
		int[] sample = KMeans.sample(points.length, sampleSize, seed);
		Map<Integer, Double> silhouettes = new LinkedHashMap<>();
		KMeans.Clustering best = null;
		double bestSilhouette = Double.NEGATIVE_INFINITY;
		for (int k = minK; k <= maxK; k++) {
			KMeans.Clustering clustering = KMeans.fit(points, k, seed + k, restarts);
			double silhouette = minK == maxK ? Double.NaN
					: KMeans.silhouette(points, clustering.assignment(), k, sample);
			silhouettes.put(k, silhouette);
			if (best == null || silhouette > bestSilhouette) {
				best = clustering;
				bestSilhouette = silhouette;
			}
		}
		return new Result(scaling, points, best, silhouettes);
	}
}
