package io.itinera.cli;

import io.itinera.cli.vocabulary.DurationOption;
import picocli.CommandLine.Option;

/** {@code --max-skew D}: how far in the future an event's time may be before it is refused. */
final class MaxSkewOption {
	@Option(names = "--max-skew", paramLabel = "D", description = "refuse (dead-letter) event times later than the start "
			+ "(live: now) plus D, for example 1d, 12h, 30m, 2w (default: ${DEFAULT-VALUE})")
	String text = "1d";

	long millis() {
		return DurationOption.millis("--max-skew", text);
	}
}
