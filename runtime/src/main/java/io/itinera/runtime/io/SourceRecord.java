package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;

/** One line of input: an event, a dead letter, or neither (a line skipped on purpose, or blank). */
public record SourceRecord(long lineNumber, Event event, DeadLetter deadLetter) {
}
