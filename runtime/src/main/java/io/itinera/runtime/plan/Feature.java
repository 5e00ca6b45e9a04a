package io.itinera.runtime.plan;

/**
 * A per-customer value computed incrementally from events. {@code field} is null for counts and
 * recencies.
 */
public record Feature(String name, AggregateKind kind, String event, String field, FeatureWindow window,
		SourceLocation location) {
}
