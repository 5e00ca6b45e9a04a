package io.itinera.cli.train;

import java.util.Arrays;

/**
 * How the learned-segment model sees a customer's features before measuring distances: a missing
 * value becomes a fill value (recency: one more than the most seen, "never"; anything else 0),
 * a negative one 0, then {@code log(1 + x)} (spend and counts are skewed: one big customer would
 * otherwise be a cluster of their own), then each input is standardised to mean 0, deviation 1
 * over the customers. The same steps are in the ONNX graph, computed in float as here.
 */
record ClusterScaling(float[] fill, float[] mean, float[] scale) {

	static ClusterScaling fit(float[][] rows, boolean[] recency) {
		int width = recency.length;
		float[] fill = new float[width];
		float[] mean = new float[width];
		float[] scale = new float[width];
		for (int f = 0; f < width; f++) {
			float max = 0;
			for (float[] row : rows) {
				if (!Float.isNaN(row[f])) {
					max = Math.max(max, row[f]);
				}
			}
			fill[f] = recency[f] ? max + 1 : 0f;
			double sum = 0;
			double squares = 0;
			for (float[] row : rows) {
				double value = logged(row[f], fill[f]);
				sum += value;
				squares += value * value;
			}
			double average = rows.length == 0 ? 0 : sum / rows.length;
			double variance = rows.length == 0 ? 0 : squares / rows.length - average * average;
			mean[f] = (float) average;
			scale[f] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
		}
		return new ClusterScaling(fill, mean, scale);
	}

	double[] apply(float[] row) {
		double[] scaled = new double[row.length];
		for (int f = 0; f < row.length; f++) {
			scaled[f] = (logged(row[f], fill[f]) - mean[f]) / scale[f];
		}
		return scaled;
	}

	double[][] apply(float[][] rows) {
		return Arrays.stream(rows).map(this::apply).toArray(double[][]::new);
	}

	/** A scaled point back in the features' own units (the inverse of the log and the standardising). */
	double[] unscale(double[] point) {
		double[] raw = new double[point.length];
		for (int f = 0; f < point.length; f++) {
			raw[f] = Math.expm1(point[f] * scale[f] + mean[f]);
		}
		return raw;
	}

	private static float logged(float value, float fill) {
		float filled = Float.isNaN(value) ? fill : Math.max(value, 0f);
		return (float) Math.log(filled + 1f);
	}
}
