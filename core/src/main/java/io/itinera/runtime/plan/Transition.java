package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A way out of a stage: on an event, after a delay, when a score condition starts to hold, or on entering or leaving a segment. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
		@JsonSubTypes.Type(value = Transition.OnEvent.class, name = "event"),
		@JsonSubTypes.Type(value = Transition.AfterDelay.class, name = "timer"),
		@JsonSubTypes.Type(value = Transition.WhenScore.class, name = "score"),
		@JsonSubTypes.Type(value = Transition.OnSegment.class, name = "segment") })
public sealed interface Transition {
	String target();

	SourceLocation location();

	/** {@code on event [if condition] -> target}; condition null means always. */
	record OnEvent(String event, Expr condition, String target, SourceLocation location) implements Transition {
	}

	/** {@code after delay -> target}: fires once the customer has been in the stage this long. */
	record AfterDelay(long delayMillis, String target, SourceLocation location) implements Transition {
	}

	/**
	 * {@code when condition [(leave below|above threshold)] -> target}: fires when the condition
	 * starts to hold; {@code hysteresis} (nullable) says when it may fire again.
	 */
	record WhenScore(Expr condition, Hysteresis hysteresis, String target, SourceLocation location)
			implements Transition {
	}

	/**
	 * {@code on entering|leaving segment S -> target}: fires in the step in which the customer's
	 * membership of the segment changes that way (see DESIGN.md, "Segments").
	 */
	record OnSegment(String segment, boolean leaving, String target, SourceLocation location) implements Transition {
	}

	/** The score must go below (or above) {@code threshold} before the trigger may fire again. */
	record Hysteresis(Direction direction, double threshold) {
	}

	enum Direction {
		BELOW, ABOVE
	}
}
