package io.itinera.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out DIR}: the folder a command writes its output files to; each command has its own default. */
final class OutputFolderOption {
	@Option(names = "--out", paramLabel = "DIR", description = "the folder the output files go to (default: ${DEFAULT-VALUE})")
	Path folder;

	OutputFolderOption() {
	}

	OutputFolderOption(String byDefault) {
		folder = Path.of(byDefault);
	}
}
