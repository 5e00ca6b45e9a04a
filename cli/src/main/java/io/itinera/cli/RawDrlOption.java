package io.itinera.cli;

import picocli.CommandLine.Option;

/** {@code --allow-raw-drl}: trust a journey's raw {@code drl} blocks, which run arbitrary code. */
final class RawDrlOption {
	@Option(names = "--allow-raw-drl", description = "run the raw drl blocks of campaigns (they run arbitrary code: only for "
			+ "journeys you trust)")
	boolean allowed;
}
