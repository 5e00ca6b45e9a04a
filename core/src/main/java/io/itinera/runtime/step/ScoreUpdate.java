package io.itinera.runtime.step;

import io.itinera.runtime.scoring.Recommendation;

/**
 * The answer to a {@link ScoreRequest}: a model's score for one customer; for a recommender also its
 * items ({@code score} is then the best item's score), else {@code recommendation} is null.
 */
public record ScoreUpdate(String customerId, String model, double score, long at, Recommendation recommendation)
		implements StepInput {
	public ScoreUpdate(String customerId, String model, double score, long at) {
		this(customerId, model, score, at, null);
	}

	public static ScoreUpdate recommended(String customerId, String model, Recommendation recommendation, long at) {
		return new ScoreUpdate(customerId, model, recommendation.scoreAt(1), at, recommendation);
	}
}
