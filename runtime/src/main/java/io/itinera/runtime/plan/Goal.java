package io.itinera.runtime.plan;

/** A customer converts when {@code event} (and {@code condition}) happens within {@code windowMillis} of entry. */
public record Goal(String event, Expr condition, long windowMillis, SourceLocation location) {
}
