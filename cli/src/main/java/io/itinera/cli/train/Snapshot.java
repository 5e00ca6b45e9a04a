package io.itinera.cli.train;

/**
 * One training example: a customer's model inputs at one moment, exactly as the runtime would
 * pass them to the model (NaN where a feature has no value), and whether the outcome followed.
 */
public record Snapshot(String customerId, long at, float[] inputs, boolean positive) {
}
