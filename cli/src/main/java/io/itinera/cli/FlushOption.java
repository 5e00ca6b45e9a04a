package io.itinera.cli;

import picocli.CommandLine.Option;

/** {@code --flush-ms MS}: live, how often output is written whether events come or not. */
final class FlushOption {
	@Option(names = "--flush-ms", paramLabel = "MS", description = "live (serve, run --kafka): write output and hand actions "
			+ "to delivery at least this often, in ms (default: ${DEFAULT-VALUE})")
	long millis = 5;

	long checked() {
		if (millis < 1) {
			throw new IllegalArgumentException("--flush-ms " + millis + ": give at least 1 (milliseconds).");
		}
		return millis;
	}
}
