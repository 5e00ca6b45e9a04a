package io.itinera.cli;

import picocli.CommandLine.Option;

/** {@code --without-models}: run a journey that declares models although no scorer is present. */
final class WithoutModelsOption {
	@Option(names = "--without-models", description = "run a journey with models although no scorer is present: scores stay "
			+ "unknown")
	boolean set;
}
