package io.itinera.runtime.io;

/** How many bytes of each output file belong to committed work: a restart truncates to these. */
public record OutputPositions(long actions, long stageChanges, long deadLetters, long suppressions) {
	public static final OutputPositions START = new OutputPositions(0, 0, 0, 0);

	/** Positions of an output without suppressions (and of progress records written before they were kept). */
	public OutputPositions(long actions, long stageChanges, long deadLetters) {
		this(actions, stageChanges, deadLetters, 0);
	}
}
