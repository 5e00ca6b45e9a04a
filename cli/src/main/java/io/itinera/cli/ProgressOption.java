package io.itinera.cli;

import picocli.CommandLine.Option;

/** {@code --progress} / {@code --no-progress}: a progress bar on standard error. */
final class ProgressOption {
	@Option(names = "--progress", negatable = true, description = "show a progress bar on standard error "
			+ "(default: when run from a terminal)")
	Boolean progress;

	/** Whether to show it: as asked, else when there is a terminal and {@code otherwise} holds. */
	boolean show(boolean otherwise) {
		return progress != null ? progress : System.console() != null && otherwise;
	}
}
