package io.itinera.cli;

import io.itinera.cli.vocabulary.DurationOption;
import io.itinera.runtime.driver.DriverSettings;
import picocli.CommandLine.Option;

/** How a host orders each customer's inputs and batches their scores: run, simulate, serve and flink alike. */
final class DriverOptions {
	@Option(names = "--lateness", paramLabel = "D", description = "events of one customer out of order by at most D are put "
			+ "back in order; an event earlier than what was already applied for its customer goes to the dead letters as late "
			+ "(default: ${DEFAULT-VALUE}; serve's is 0s, as live every event waits that long before it applies)")
	String lateness = "1m";

	@Option(names = "--score-batch", paramLabel = "N", description = "most rows per scorer call (default: ${DEFAULT-VALUE})")
	int scoreBatch = 256;

	@Option(names = "--score-wait-us", paramLabel = "US", description = "live: longest wait to fill a scoring batch, in µs "
			+ "(default: ${DEFAULT-VALUE})")
	long scoreWaitMicros = 2000;

	/** For {@code serve}: live, an event waits out the lateness before it is applied, so none by default. */
	static DriverOptions live() {
		DriverOptions options = new DriverOptions();
		options.lateness = "0s";
		return options;
	}

	/** @throws IllegalArgumentException with a message that says what to write instead */
	DriverSettings settings() {
		if (scoreBatch < 1) {
			throw new IllegalArgumentException("--score-batch " + scoreBatch + ": give at least 1.");
		}
		if (scoreWaitMicros < 0) {
			throw new IllegalArgumentException("--score-wait-us " + scoreWaitMicros + ": give 0 or more.");
		}
		return DriverSettings.replay().withLateness(DurationOption.millis("--lateness", lateness))
				.withScoring(scoreBatch, scoreWaitMicros);
	}
}
