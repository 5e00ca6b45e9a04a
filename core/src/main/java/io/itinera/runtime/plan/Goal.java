package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer converts when {@code event} (and {@code condition}) happens within {@code windowMillis} of entry.
 * {@code valueField}, when not null, names the goal event's numeric field that counts as revenue; plans
 * written before it existed read with none. {@code afterSendMillis} ({@code within D after send}; null when not
 * written, and in plans written before it existed) is the window after a message in which a goal event counts as a conversion after that message
 * in reports; without it, the goal window serves ({@link #attributionMillis()}).
 */
public record Goal(String event, Expr condition, long windowMillis,
		@JsonInclude(JsonInclude.Include.NON_NULL) String valueField,
		@JsonInclude(JsonInclude.Include.NON_NULL) Long afterSendMillis, SourceLocation location) {

	public Goal(String event, Expr condition, long windowMillis, SourceLocation location) {
		this(event, condition, windowMillis, null, null, location);
	}

	public Goal(String event, Expr condition, long windowMillis, String valueField, SourceLocation location) {
		this(event, condition, windowMillis, valueField, null, location);
	}

	/** The window after a message in which a goal event counts for it: {@code after send}'s, else the goal window. */
	@JsonIgnore
	public long attributionMillis() {
		return afterSendMillis != null ? afterSendMillis : windowMillis;
	}
}
