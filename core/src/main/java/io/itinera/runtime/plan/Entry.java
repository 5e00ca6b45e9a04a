package io.itinera.runtime.plan;

/** Customers enter on {@code event} (when {@code condition}, null for always) into {@code stage}. */
public record Entry(String event, Expr condition, String stage, SourceLocation location) {
}
