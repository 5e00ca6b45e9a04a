package io.itinera.runtime.plan;

/** An event (with an optional condition) that takes a customer out of the journey wherever they are. */
public record Exit(String event, Expr condition, SourceLocation location) {
}
