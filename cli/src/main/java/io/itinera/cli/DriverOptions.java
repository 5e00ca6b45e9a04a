package io.itinera.cli;

import io.itinera.runtime.driver.DriverSettings;
import picocli.CommandLine.Option;

/** How {@code run} and {@code simulate} order each customer's inputs and batch their scores. */
final class DriverOptions {
	@Option(names = "--lateness", defaultValue = "1m", paramLabel = "D", description = {
			"events of one customer out of order by at most D are put back in order; an event earlier than",
			"what was already applied for its customer goes to the dead letters as late (default: ${DEFAULT-VALUE})" })
	String lateness;

	@Option(names = "--score-batch", defaultValue = "256", description = "most rows per scorer call (default: ${DEFAULT-VALUE})")
	int scoreBatch;

	@Option(names = "--score-wait-us", defaultValue = "2000",
			description = "live: longest wait to fill a scoring batch, in µs (default: ${DEFAULT-VALUE})")
	long scoreWaitMicros;

	/** @throws IllegalArgumentException with a message that says what to write instead */
	DriverSettings settings() {
		if (scoreBatch < 1) {
			throw new IllegalArgumentException("--score-batch " + scoreBatch + ": give at least 1.");
		}
		return DriverSettings.replay().withLateness(DurationOption.millis("--lateness", lateness))
				.withScoring(scoreBatch, scoreWaitMicros);
	}
}
