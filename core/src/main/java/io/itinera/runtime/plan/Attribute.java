package io.itinera.runtime.plan;

/** A customer attribute the journey may read. */
public record Attribute(String name, ValueType type, SourceLocation location) {
}
