package io.itinera.cli;

import io.itinera.cli.vocabulary.DeprecatedSpelling;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --deliver FILE}: deliver the actions to the channels' endpoints named in FILE. */
final class DeliverOption {
	@Option(names = "--deliver", paramLabel = "FILE", description = "deliver the actions to the channels' endpoints in FILE "
			+ "(JSON or YAML, see docs/serve.md), with retries and a delivery ledger in --state: running again never re-sends")
	Path file;

	@Spec(Spec.Target.MIXEE)
	CommandSpec command;

	@Option(names = "--delivery", paramLabel = "FILE", hidden = true, description = "old spelling of --deliver")
	void oldSpelling(Path file) {
		this.file = DeprecatedSpelling.read(command, "--delivery", "--deliver", file);
	}
}
