package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;

/** Turns one line of a log into an event. */
public interface EventLineParser {
	/**
	 * @return the event, or null when the line is to be skipped silently (a type mapped to {@code -})
	 * @throws BadLineException when the line cannot be read: its reason goes to the dead-letter file
	 */
	Event parse(String line) throws BadLineException;
}
