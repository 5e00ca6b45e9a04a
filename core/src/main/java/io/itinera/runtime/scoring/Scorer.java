package io.itinera.runtime.scoring;

/**
 * Scores a batch of customers with one model: one row of inputs per customer, in the order
 * the model declares them; one score per row back. Implementations must be thread-safe.
 */
public interface Scorer extends AutoCloseable {
	float[] score(String model, float[][] rows);

	/**
	 * A recommender's top items for a batch of customers: one sequence of recent item ids (oldest
	 * first) per customer, one {@link Recommendation} per sequence back.
	 */
	default Recommendation[] recommend(String model, String[][] sequences) {
		throw new UnsupportedOperationException("model " + model + " is not a recommender");
	}

	/** Where the model runs ("cpu", "gpu"), for run summaries. */
	default String device(String model) {
		return "cpu";
	}

	@Override
	default void close() {
	}
}
