package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;

/**
 * One line of input: an event, a dead letter, or neither (a line skipped on purpose, or blank).
 * {@code text} is the line as read, kept only by a reader whose records are written back out (the
 * time-ordered copy of a log that a Flink replay reads); null otherwise.
 */
public record SourceRecord(long lineNumber, Event event, DeadLetter deadLetter, String text) {
	public SourceRecord(long lineNumber, Event event, DeadLetter deadLetter) {
		this(lineNumber, event, deadLetter, null);
	}
}
