package io.itinera.runtime.step;

/**
 * The step function asks the host to score a customer; the host batches requests across
 * customers, runs the model, and feeds each answer back as a {@link ScoreUpdate}.
 */
public record ScoreRequest(String customerId, String model, float[] inputs, long at) {
}
