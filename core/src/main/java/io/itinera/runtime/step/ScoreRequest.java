package io.itinera.runtime.step;

/**
 * The step function asks the host to score a customer; the host batches requests across
 * customers, runs the model, and feeds each answer back as a {@link ScoreUpdate}. A scoring
 * model's request carries {@code inputs} (features in declared order); a recommender's carries
 * {@code sequence} (the customer's recent item ids, oldest first) and empty inputs.
 */
public record ScoreRequest(String customerId, String model, float[] inputs, long at, String[] sequence) {
	public ScoreRequest(String customerId, String model, float[] inputs, long at) {
		this(customerId, model, inputs, at, null);
	}

	public static ScoreRequest forRecommender(String customerId, String model, String[] sequence, long at) {
		return new ScoreRequest(customerId, model, new float[0], at, sequence);
	}

	public boolean isRecommendation() {
		return sequence != null;
	}
}
