package io.itinera.runtime.plan;

/** What a feature computes from its events. */
public enum AggregateKind {
	COUNT, SUM, AVG, MIN, MAX, LAST,
	/** Whole days since the last occurrence of the event. */
	DAYS_SINCE,
	/** Whole days since the first occurrence of the event. */
	DAYS_SINCE_FIRST
}
