package io.itinera.runtime.delivery;

import java.util.HashMap;
import java.util.Map;

/**
 * The weights of the learning splits' arms for one epoch of event time: an input to the step, as
 * scores are, never state it computes. A host publishes a new table on a {@link Board} at each epoch
 * boundary (after every customer's inputs before it were applied); a split without weights here
 * uses its starting percentages.
 */
public final class SplitWeights {
	public static final SplitWeights STARTING = new SplitWeights(Long.MIN_VALUE, Map.of());

	private final long epochStart;
	/** By journey NUL split: one weight per arm of the split, in its order (a holdout's is unused). */
	private final Map<String, double[]> bySplit;

	private SplitWeights(long epochStart, Map<String, double[]> bySplit) {
		this.epochStart = epochStart;
		this.bySplit = bySplit;
	}

	public long epochStart() {
		return epochStart;
	}

	/** The split's weights per arm, or null for its starting percentages. */
	public double[] of(String journey, String split) {
		return bySplit.isEmpty() ? null : bySplit.get(key(journey, split));
	}

	/** This table for the epoch starting at {@code start}, with {@code weights} for one split. */
	public SplitWeights with(long start, String journey, String split, double[] weights) {
		Map<String, double[]> more = new HashMap<>(bySplit);
		more.put(key(journey, split), weights.clone());
		return new SplitWeights(start, more);
	}

	private static String key(String journey, String split) {
		return journey + '\0' + split;
	}

	/**
	 * Where a host hands the current weights to its steps (every worker's step reads the same board). A
	 * host changes it only at an epoch boundary, when no step runs.
	 */
	public static final class Board {
		private volatile SplitWeights current = STARTING;

		public SplitWeights current() {
			return current;
		}

		public void publish(SplitWeights weights) {
			current = weights;
		}
	}
}
