package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --events LOG}: the event log a command reads. */
final class EventLogOption {
	@Option(names = "--events", paramLabel = "LOG", description = "the event log: CSV or JSON Lines")
	Path file;

	/** The log, or a {@link CommandError} that says to give it ({@code alternative}: what else would do, or null). */
	Path required(String alternative) {
		if (file == null) {
			throw CommandError.error("Give the events: --events LOG" + (alternative == null ? "." : ", or " + alternative + "."));
		}
		return file;
	}
}
