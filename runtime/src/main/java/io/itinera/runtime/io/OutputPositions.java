package io.itinera.runtime.io;

/** How many bytes of each output file belong to committed work: a restart truncates to these. */
public record OutputPositions(long actions, long stageChanges, long deadLetters) {
	public static final OutputPositions START = new OutputPositions(0, 0, 0);
}
