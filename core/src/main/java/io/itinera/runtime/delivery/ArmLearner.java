package io.itinera.runtime.delivery;

import io.itinera.runtime.plan.Split;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The weights of a learning split's arms for one epoch, a pure function of the exposures (customers
 * assigned) and goal conversions counted before the epoch, and of a seed (journey, split and the epoch's
 * start). Thompson sampling: each arm's conversion rate has the posterior Beta(1 + conversions, 1 +
 * exposures - conversions); {@value #DRAWS} joint draws are made and an arm's weight is the share of
 * draws in which it is best. Before every campaign arm has {@code min N per arm} exposures the weights
 * are the starting percentages. The stopping rule (Braze's and Google Optimize's "value remaining"):
 * with the leader the arm best in most draws, when the {@code confidence} percentile of (best theta -
 * leader's theta) / leader's theta over the draws is below 1%, exploring stops: the leader gets all the
 * weight, from then on (a stopped split stays stopped). Draws use {@link SplittableRandom} and {@link
 * StrictMath}, so every JVM computes the same weights.
 */
public final class ArmLearner {
	static final int DRAWS = 4000;
	/** The lift more testing could still bring below which exploring stops. */
	static final double VALUE_REMAINING = 0.01;

	private ArmLearner() {
	}

	/** One epoch's weights: one per arm in the split's order (a holdout's 0), and whether exploring has stopped. */
	public record Weights(double[] weights, boolean stopped, String leader) {
	}

	/**
	 * @param exposures   per arm of the split (its order; a holdout's ignored), counted before the epoch
	 * @param conversions per arm, the same customers' goal conversions
	 * @param previous    the previous epoch's weights (null for the first): once stopped, they stay
	 */
	public static Weights weigh(String journey, Split split, long epochStart, long[] exposures, long[] conversions,
			Weights previous) {
		if (previous != null && previous.stopped()) {
			return previous;
		}
		int arms = split.arms().size();
		double[] starting = new double[arms];
		boolean enough = true;
		for (int a = 0; a < arms; a++) {
			Split.Arm arm = split.arms().get(a);
			if (!arm.holdout()) {
				starting[a] = arm.percent();
				enough &= exposures[a] >= split.autoWinner().minPerArm();
			}
		}
		if (!enough) {
			return new Weights(starting, false, null);
		}
		SplittableRandom random = new SplittableRandom(seed(journey, split.name(), epochStart));
		long[] wins = new long[arms];
		double[] remaining = new double[DRAWS];
		double[][] thetas = new double[DRAWS][arms];
		for (int d = 0; d < DRAWS; d++) {
			int best = -1;
			for (int a = 0; a < arms; a++) {
				if (split.arms().get(a).holdout()) {
					continue;
				}
				long failures = Math.max(0, exposures[a] - conversions[a]);
				thetas[d][a] = beta(random, 1 + Math.min(conversions[a], exposures[a]), 1 + failures);
				if (best < 0 || thetas[d][a] > thetas[d][best]) {
					best = a;
				}
			}
			wins[best]++;
		}
		int leader = -1;
		for (int a = 0; a < arms; a++) {
			if (!split.arms().get(a).holdout() && (leader < 0 || wins[a] > wins[leader])) {
				leader = a;
			}
		}
		for (int d = 0; d < DRAWS; d++) {
			double max = 0;
			for (int a = 0; a < arms; a++) {
				max = Math.max(max, thetas[d][a]);
			}
			remaining[d] = (max - thetas[d][leader]) / thetas[d][leader];
		}
		Arrays.sort(remaining);
		int confidence = split.autoWinner().confidencePercent();
		double percentile = remaining[Math.min(DRAWS - 1, (int) Math.ceil(DRAWS * confidence / 100.0) - 1)];
		double[] weights = new double[arms];
		String leaderLabel = split.arms().get(leader).label();
		if (percentile < VALUE_REMAINING) {
			weights[leader] = 1;
			return new Weights(weights, true, leaderLabel);
		}
		for (int a = 0; a < arms; a++) {
			weights[a] = (double) wins[a] / DRAWS;
		}
		return new Weights(weights, false, leaderLabel);
	}

	static long seed(String journey, String split, long epochStart) {
		int hash = SplitAssignment.murmur3((journey + '\0' + split).getBytes(StandardCharsets.UTF_8));
		return ((long) hash << 32) ^ epochStart * 0x9E3779B97F4A7C15L;
	}

	/** A Beta(a, b) draw as X / (X + Y) of two Gamma draws (a, b at least 1). */
	static double beta(SplittableRandom random, double a, double b) {
		double x = gamma(random, a);
		double y = gamma(random, b);
		return x / (x + y);
	}

	/** Marsaglia and Tsang's method, for shape at least 1. */
	static double gamma(SplittableRandom random, double shape) {
		double d = shape - 1.0 / 3;
		double c = 1 / StrictMath.sqrt(9 * d);
		while (true) {
			double x;
			double v;
			do {
				x = normal(random);
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			double u = random.nextDouble();
			if (u < 1 - 0.0331 * x * x * x * x || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
				return d * v;
			}
		}
	}

	/** A standard normal draw (Marsaglia's polar method, one of the pair). */
	private static double normal(SplittableRandom random) {
		while (true) {
			double u = 2 * random.nextDouble() - 1;
			double v = 2 * random.nextDouble() - 1;
			double s = u * u + v * v;
			if (s > 0 && s < 1) {
				return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
			}
		}
	}
}
