package io.itinera.cli.train;

import java.util.Arrays;
import java.util.List;

/**
 * What the exported model does to its inputs before the linear part: a missing value (NaN, e.g.
 * days since a purchase that never happened) becomes a fill value, then each input is
 * standardised. Fitted on the training snapshots; the same steps go into the ONNX graph, so the
 * runtime can pass raw feature values.
 */
public record InputScaling(float[] fill, float[] mean, float[] scale) {

	/**
	 * @param fillAboveMax per input, whether a missing value means "more than ever seen" (recency
	 *                     features: never happened) rather than "nothing" (0)
	 */
	public static InputScaling fit(List<Snapshot> training, boolean[] fillAboveMax) {
		int width = fillAboveMax.length;
		float[] fill = new float[width];
		float[] mean = new float[width];
		float[] scale = new float[width];
		for (int f = 0; f < width; f++) {
			double max = 0;
			for (Snapshot snapshot : training) {
				float value = snapshot.inputs()[f];
				if (!Float.isNaN(value)) {
					max = Math.max(max, value);
				}
			}
			fill[f] = fillAboveMax[f] ? (float) (max + 1) : 0f;
			double sum = 0;
			double squares = 0;
			for (Snapshot snapshot : training) {
				double value = filled(snapshot.inputs()[f], fill[f]);
				sum += value;
				squares += value * value;
			}
			double average = training.isEmpty() ? 0 : sum / training.size();
			double variance = training.isEmpty() ? 0 : squares / training.size() - average * average;
			mean[f] = (float) average;
			scale[f] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
		}
		return new InputScaling(fill, mean, scale);
	}

	/** The inputs as the linear part sees them, computed in float like ONNX Runtime does. */
	public double[] apply(float[] inputs) {
		double[] scaled = new double[inputs.length];
		for (int f = 0; f < inputs.length; f++) {
			float value = Float.isNaN(inputs[f]) ? fill[f] : inputs[f];
			scaled[f] = (value - mean[f]) / scale[f];
		}
		return scaled;
	}

	private static double filled(float value, float fill) {
		return Float.isNaN(value) ? fill : value;
	}

	@Override
	public String toString() {
		return "fill " + Arrays.toString(fill) + ", mean " + Arrays.toString(mean) + ", scale " + Arrays.toString(scale);
	}
}
