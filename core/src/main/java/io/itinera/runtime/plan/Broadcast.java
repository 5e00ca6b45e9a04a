package io.itinera.runtime.plan;

/**
 * {@code broadcast NAME "title" { every monday 10:00 to segment S send ... }}: a scheduled send to
 * the customers of a segment, at {@code minuteOfDay} of each customer's local day. {@code weekday}
 * is ISO (1 = Monday .. 7 = Sunday), 0 for every day. {@code title} may be null.
 */
public record Broadcast(String name, String title, int weekday, int minuteOfDay, String segment, Action.Send send,
		SourceLocation location) {
}
