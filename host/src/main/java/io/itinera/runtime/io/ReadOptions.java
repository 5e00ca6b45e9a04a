package io.itinera.runtime.io;

/**
 * How strictly a log is read, beyond its format and mapping: the plausible {@link TimeWindow} and
 * the column whose repeated values are dropped ({@code --dedupe}, null for none). {@code firstPass}:
 * the reader only needs which lines are events and their customers and times (a replay's first
 * pass, {@code replay.LogScan}); the events then come without their fields, which are still checked
 * so that the same lines are dead letters.
 */
public record ReadOptions(TimeWindow window, String dedupe, boolean firstPass) {
	/** The longest line (or Kafka record) read as an event; a longer one is a dead letter. */
	public static final int MAX_LINE_BYTES = 1 << 20;

	public ReadOptions {
		if (window == null) {
			throw new IllegalArgumentException("a time window is needed");
		}
	}

	public ReadOptions(TimeWindow window, String dedupe) {
		this(window, dedupe, false);
	}

	/** These options for a first pass over the log. */
	public ReadOptions forFirstPass() {
		return new ReadOptions(window, dedupe, true);
	}

	/** The default window for a run starting now, no de-duplication. */
	public static ReadOptions defaults() {
		return new ReadOptions(TimeWindow.startingNow(), null);
	}
}
