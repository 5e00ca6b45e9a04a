package io.itinera.runtime.plan;

/**
 * {@code segment NAME "title" = condition}: a named condition over attributes, features and scores.
 * Conditions that name a segment carry its condition inlined; the plan keeps the declarations for
 * the triggers on entering and leaving it and for counting who is in it. {@code title} may be null.
 */
public record Segment(String name, String title, Expr condition, SourceLocation location) {
}
