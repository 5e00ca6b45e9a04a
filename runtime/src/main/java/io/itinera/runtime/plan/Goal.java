package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer converts when {@code event} (and {@code condition}) happens within {@code windowMillis} of entry.
 * {@code valueField}, when not null, names the goal event's numeric field that counts as revenue; plans
 * written before it existed read with none.
 */
public record Goal(String event, Expr condition, long windowMillis,
		@JsonInclude(JsonInclude.Include.NON_NULL) String valueField, SourceLocation location) {

	public Goal(String event, Expr condition, long windowMillis, SourceLocation location) {
		this(event, condition, windowMillis, null, location);
	}
}
