package io.itinera.runtime.plan;

/**
 * A per-customer value computed incrementally from events. {@code field} is null for counts and
 * recencies. {@code length} bounds a {@link AggregateKind#SEQUENCE} (its last N values), 0 otherwise.
 */
public record Feature(String name, AggregateKind kind, String event, String field, FeatureWindow window,
		SourceLocation location, int length) {

	public Feature(String name, AggregateKind kind, String event, String field, FeatureWindow window,
			SourceLocation location) {
		this(name, kind, event, field, window, location, 0);
	}

	/** The last {@code length} values of {@code event.field}. */
	public static Feature sequence(String name, String event, String field, int length, SourceLocation location) {
		return new Feature(name, AggregateKind.SEQUENCE, event, field, new FeatureWindow.Lifetime(), location, length);
	}

	/** The name of the sequence an {@code except E.f} clause keeps: never a valid identifier, so never a clash. */
	public static String exceptionSequenceName(String event, String field) {
		return event + "." + field;
	}
}
