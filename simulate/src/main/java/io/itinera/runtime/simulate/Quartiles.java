package io.itinera.runtime.simulate;

import java.util.Arrays;

/**
 * The quartiles of a sample, interpolated between order statistics as numpy's and R's defaults do
 * (type 7): the q-quantile of n sorted values sits at position q·(n − 1).
 */
record Quartiles(int count, double lower, double median, double upper) {

	/** The quartiles of the first {@code count} values (sorted in place); null for none. */
	static Quartiles of(long[] values, int count) {
		if (count == 0) {
			return null;
		}
		Arrays.sort(values, 0, count);
		return new Quartiles(count, quantile(values, count, 0.25), quantile(values, count, 0.5),
				quantile(values, count, 0.75));
	}

	private static double quantile(long[] sorted, int count, double q) {
		double position = q * (count - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(count - 1, below + 1);
		return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
	}
}
