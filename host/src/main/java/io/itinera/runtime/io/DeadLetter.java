package io.itinera.runtime.io;

/** A line that could not be used: where it was, why, and its text as read. */
public record DeadLetter(long line, String reason, String raw) {
}
