package io.itinera.runtime.state;

/**
 * A score requested but not yet delivered when a checkpoint was taken; {@code slice} is the
 * event-time slice whose end delivers it on replay.
 */
public record PendingScore(String customerId, String model, float[] inputs, long at, long slice) {
}
