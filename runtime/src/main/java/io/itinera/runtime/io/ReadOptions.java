package io.itinera.runtime.io;

/**
 * How strictly a log is read, beyond its format and mapping: the plausible {@link TimeWindow} and
 * the column whose repeated values are dropped ({@code --dedupe}, null for none).
 */
public record ReadOptions(TimeWindow window, String dedupe) {
	/** The longest line (or Kafka record) read as an event; a longer one is a dead letter. */
	public static final int MAX_LINE_BYTES = 1 << 20;

	public ReadOptions {
		if (window == null) {
			throw new IllegalArgumentException("a time window is needed");
		}
	}

	/** The default window for a run starting now, no de-duplication. */
	public static ReadOptions defaults() {
		return new ReadOptions(TimeWindow.startingNow(), null);
	}
}
