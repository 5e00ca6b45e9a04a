package io.itinera.runtime.plan;

/**
 * Customers enter on {@code event} (when {@code condition}, null for always) into {@code stage}; or,
 * with {@code segment} set (and {@code event} null), when they enter that segment.
 */
public record Entry(String event, Expr condition, String stage, SourceLocation location, String segment) {

	/** Entry on an event. */
	public Entry(String event, Expr condition, String stage, SourceLocation location) {
		this(event, condition, stage, location, null);
	}

	/** How the entry reads in messages and labels: {@code purchase} or {@code segment Dormant}. */
	public String trigger() {
		return segment != null ? "segment " + segment : event;
	}
}
