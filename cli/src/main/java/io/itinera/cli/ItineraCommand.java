package io.itinera.cli;

import io.itinera.cli.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code itinera} command: one subcommand per job. */
@Command(name = "itinera",
		mixinStandardHelpOptions = true,
		version = "itinera 0.1.0",
		description = "Customer journeys as code: check, compile, run and test .journey files.",
		subcommands = {
				CommandLine.HelpCommand.class,
				CheckCommand.class,
				DiffCommand.class,
				MigrateCommand.class,
				CompileCommand.class,
				GraphCommand.class,
				RunCommand.class,
				ServeCommand.class,
				GenerateCommand.class,
				BenchCommand.class,
				TestCommand.class,
				TrainCommand.class,
				SimulateCommand.class,
				ExplainCommand.class,
				FlinkCommand.class,
		})
public final class ItineraCommand implements Runnable {

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	static CommandLine commandLine() {
		return HelpText.tidy(new CommandLine(new ItineraCommand()).setCaseInsensitiveEnumValuesAllowed(true));
	}
}
