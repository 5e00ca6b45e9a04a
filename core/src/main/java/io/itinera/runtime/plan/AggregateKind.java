package io.itinera.runtime.plan;

/** What a feature computes from its events. */
public enum AggregateKind {
	COUNT, SUM, AVG, MIN, MAX, LAST,
	/** Whole days since the last occurrence of the event. */
	DAYS_SINCE,
	/** Whole days since the first occurrence of the event. */
	DAYS_SINCE_FIRST,
	/** Whole days between the last occurrence of the event and the one before it: the idle time before the latest. */
	DAYS_SINCE_PREVIOUS,
	/** The last N distinct-in-a-row values of a field (a customer's recent items), oldest first. */
	SEQUENCE
}
