package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;

/** Turns one line of a log into an event. */
public interface EventLineParser {
	/**
	 * @return the event, or null when the line is to be skipped silently (a type mapped to {@code -}, a line
	 *         that fails a {@code where=} condition, a guest line with {@code skip.customer=missing})
	 * @throws BadLineException when the line cannot be read: its reason goes to the dead-letter file
	 */
	Event parse(String line) throws BadLineException;

	/** With {@code --map group=COL}: the group value of the line last parsed into an event; else null. */
	default String groupValue() {
		return null;
	}

	/**
	 * Whether the mapping groups lines ({@code group=}): then {@link #parse} gives one line's part of
	 * an event, which only a reader of a whole file ({@link EventLogSource}) can put together.
	 */
	default boolean groupsLines() {
		return false;
	}
}
