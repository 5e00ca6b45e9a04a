package io.itinera.runtime.plan;

/**
 * A journey's rank in a workspace (many journeys over one stream): {@code priority N} (higher wins,
 * default 0) and what becomes of its message when it loses a shared cap to a higher-priority journey
 * in the same step ({@code on conflict drop}, the default, or {@code on conflict hold}).
 */
public record Priority(int level, OnConflict onConflict, SourceLocation location) {
	public static final Priority DEFAULT = new Priority(0, OnConflict.DROP, SourceLocation.UNKNOWN);

	public enum OnConflict {
		/** The losing message is not sent (recorded as lost, with the winner). */
		DROP,
		/** The losing message waits until the shared cap allows it, then goes once (if the customer is still there). */
		HOLD
	}

	public Priority {
		onConflict = onConflict == null ? OnConflict.DROP : onConflict;
		location = location == null ? SourceLocation.UNKNOWN : location;
	}
}
