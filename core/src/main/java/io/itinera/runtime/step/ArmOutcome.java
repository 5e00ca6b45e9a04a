package io.itinera.runtime.step;

/**
 * What a learning split ({@code auto winner by goal}) learns from, as the step saw it: a customer
 * assigned to {@code arm} (an exposure, once per customer and split) or, later, that customer reaching
 * the journey's goal ({@code conversion}, once per customer and split). Hosts sum them per epoch.
 */
public record ArmOutcome(String customerId, long at, String journey, String split, String arm, boolean conversion) {
}
