package io.itinera.runtime.plan;

/** No sends between {@code startMinute} and {@code endMinute} (minutes of the day; may wrap midnight). */
public record QuietHours(int startMinute, int endMinute, SourceLocation location) {
}
