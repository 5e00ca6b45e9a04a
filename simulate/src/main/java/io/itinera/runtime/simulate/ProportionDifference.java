package io.itinera.runtime.simulate;

/**
 * The difference between two conversion rates with a 95% confidence interval by Newcombe's hybrid
 * score method (method 10 of Newcombe 1998): each rate gets a Wilson score interval, and the two are
 * combined. Unlike the Wald interval it stays inside [-1, 1] and behaves with small or extreme counts.
 */
public record ProportionDifference(double treated, double control, double difference, double low, double high,
		double relative) {

	/** z for a two-sided 95% interval. */
	public static final double Z95 = 1.959963984540054;

	public static final String METHOD = "Newcombe hybrid score (Wilson) 95% interval for the difference of proportions";

	/**
	 * {@code treatedConverted} of {@code treatedSize} against {@code controlConverted} of
	 * {@code controlSize}; NaN figures when either group is empty. {@code relative} is
	 * treated / control - 1 (NaN when the control rate is 0).
	 */
	public static ProportionDifference of(long treatedConverted, long treatedSize, long controlConverted,
			long controlSize) {
		if (treatedSize <= 0 || controlSize <= 0) {
			double p1 = treatedSize > 0 ? (double) treatedConverted / treatedSize : Double.NaN;
			double p0 = controlSize > 0 ? (double) controlConverted / controlSize : Double.NaN;
			return new ProportionDifference(p1, p0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		double p1 = (double) treatedConverted / treatedSize;
		double p0 = (double) controlConverted / controlSize;
		double[] w1 = wilson(treatedConverted, treatedSize, Z95);
		double[] w0 = wilson(controlConverted, controlSize, Z95);
		double difference = p1 - p0;
		double low = difference - Math.sqrt(square(p1 - w1[0]) + square(w0[1] - p0));
		double high = difference + Math.sqrt(square(w1[1] - p1) + square(p0 - w0[0]));
		double relative = p0 == 0 ? Double.NaN : p1 / p0 - 1;
		return new ProportionDifference(p1, p0, difference, low, high, relative);
	}

	/** The Wilson score interval {low, high} for {@code successes} of {@code trials}. */
	public static double[] wilson(long successes, long trials, double z) {
		double p = (double) successes / trials;
		double z2 = z * z;
		double denominator = 1 + z2 / trials;
		double centre = (p + z2 / (2.0 * trials)) / denominator;
		double half = z / denominator * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
		return new double[] { Math.max(0, centre - half), Math.min(1, centre + half) };
	}

	/** True when the interval excludes zero. */
	public boolean significant() {
		return low > 0 || high < 0;
	}

	private static double square(double x) {
		return x * x;
	}
}
