package io.itinera.runtime.graph;

import io.itinera.runtime.plan.SourceLocation;
import java.util.List;

/**
 * Something the graph analyses found, at the journey line it concerns. {@code element} is the
 * plan element it is about (a {@link io.itinera.runtime.plan.Stage} or a
 * {@link io.itinera.runtime.plan.Transition}), so an editor can map it back to the text;
 * {@code stages} are the stages involved.
 */
public record GraphFinding(Kind kind, String message, SourceLocation location, Object element, List<String> stages) {
	public GraphFinding {
		stages = List.copyOf(stages);
	}

	public enum Kind {
		UNREACHABLE_STAGE, NO_WAY_OUT, TIMER_CYCLE, OVERLAPPING_TRANSITIONS
	}

	@Override
	public String toString() {
		return location + ": " + message;
	}
}
