package io.itinera.runtime.simulate;

/**
 * The difference between two groups' mean revenue per customer with a 95% normal (Welch) interval:
 * difference ± z·√(s₁²/n₁ + s₀²/n₀), with each group's sample variance. Revenue is skewed, so the
 * interval is a large-sample approximation; with a few dozen customers per arm it is rough.
 */
public record MeanDifference(double treated, double control, double difference, double low, double high) {

	public static final String METHOD = "difference of mean revenue per customer, normal (Welch) 95% interval";

	/** A group's size, sum and sum of squares; NaN figures when either group has fewer than two customers. */
	public static MeanDifference of(long treatedSize, double treatedSum, double treatedSquares, long controlSize,
			double controlSum, double controlSquares) {
		double m1 = treatedSize > 0 ? treatedSum / treatedSize : Double.NaN;
		double m0 = controlSize > 0 ? controlSum / controlSize : Double.NaN;
		if (treatedSize < 2 || controlSize < 2) {
			return new MeanDifference(m1, m0, Double.NaN, Double.NaN, Double.NaN);
		}
		double standardError = Math.sqrt(variance(treatedSize, treatedSum, treatedSquares) / treatedSize
				+ variance(controlSize, controlSum, controlSquares) / controlSize);
		double difference = m1 - m0;
		return new MeanDifference(m1, m0, difference, difference - ProportionDifference.Z95 * standardError,
				difference + ProportionDifference.Z95 * standardError);
	}

	private static double variance(long n, double sum, double squares) {
		return Math.max(0, (squares - sum * sum / n) / (n - 1));
	}

	/** True when the interval excludes zero. */
	public boolean significant() {
		return low > 0 || high < 0;
	}
}
