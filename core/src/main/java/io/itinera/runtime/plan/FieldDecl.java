package io.itinera.runtime.plan;

/** A typed field of an event. */
public record FieldDecl(String name, ValueType type, SourceLocation location) {
}
