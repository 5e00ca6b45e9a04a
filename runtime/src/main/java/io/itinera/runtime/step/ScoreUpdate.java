package io.itinera.runtime.step;

/** The answer to a {@link ScoreRequest}: a model's score for one customer. */
public record ScoreUpdate(String customerId, String model, double score, long at) implements StepInput {
}
