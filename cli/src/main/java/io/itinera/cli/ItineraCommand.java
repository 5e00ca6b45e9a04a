package io.itinera.cli;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.cli.train.TrainCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code itinera} command: one subcommand per job. */
@Command(name = "itinera",
		mixinStandardHelpOptions = true,
		version = "itinera 0.1.0",
		description = "Customer journeys as code: check, compile, run and test .journey files.")
public final class ItineraCommand implements Runnable {
	/** The subcommands, in the order help lists them. */
	private static final List<Class<?>> SUBCOMMANDS = List.of(
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
			ForgetCommand.class,
			ProfilesCommand.class,
			SegmentsCommand.class,
			FlinkCommand.class);

	@Override
	public void run() {
		commandLine().usage(System.out);
	}

	public static void main(String[] args) {
		guiceByReflection();
		HeadStart.begin(args);
		int exit = inUtf8(args).execute(args);
		ClassDataArchive.afterCommand(exit);
		System.exit(exit);
	}

	/**
	 * Guice, which builds the journey language's injector, calls constructors by reflection and keeps no binding
	 * stack traces, unless the JVM was told otherwise: generating a class for each of the some 200 types it injects
	 * once per command costs more (about 0.1 s of CPU a start, 10 alternating pairs under load).
	 */
	static void guiceByReflection() {
		System.getProperties().putIfAbsent("guice_bytecode_gen_option", "DISABLED");
		System.getProperties().putIfAbsent("guice_include_stack_traces", "OFF");
	}

	/**
	 * The command line, writing UTF-8 whatever the platform's default (a POSIX locale would print an
	 * emoji as '?'). System.out is replaced first: picocli's execution strategy keeps the System.out of
	 * when the command line was made, and puts its own writer back if that one was replaced later.
	 */
	private static CommandLine inUtf8(String[] args) {
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
		return commandLine(args).setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
				.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
	}

	/**
	 * The whole command line: every subcommand answers {@code --help} and {@code -h} (before its
	 * required arguments are checked), and one {@link ErrorHandler} turns every failure into a message
	 * and an {@link ExitCode}.
	 */
	static CommandLine commandLine() {
		return commandLine(SUBCOMMANDS);
	}

	/**
	 * The command line for {@code args}: when they start with a subcommand's name, the root with that
	 * subcommand alone, which parses, runs and answers them as the whole command line does. Picocli
	 * reads every option of every subcommand it is given by reflection, interpreted: about 0.1 s of CPU
	 * at every start for all of them (measured before the class-data archive held picocli's classes).
	 */
	static CommandLine commandLine(String... args) {
		Class<?> named = args.length == 0 ? null : subcommandNamed(args[0]);
		return named == null || named == CommandLine.HelpCommand.class ? commandLine() : commandLine(List.of(named));
	}

	private static Class<?> subcommandNamed(String name) {
		for (Class<?> command : SUBCOMMANDS) {
			Command annotation = command.getAnnotation(Command.class);
			if (annotation.name().equals(name) || Arrays.asList(annotation.aliases()).contains(name)) {
				return command;
			}
		}
		return null;
	}

	private static CommandLine commandLine(List<Class<?>> subcommands) {
		CommandLine root = new CommandLine(new ItineraCommand());
		for (Class<?> subcommand : subcommands) {
			root.addSubcommand(subcommand);
		}
		root.setCaseInsensitiveEnumValuesAllowed(true);
		standardHelp(root, root.getCommandSpec().version());
		ErrorHandler errors = new ErrorHandler();
		root.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
		return HelpText.tidy(root);
	}

	private static void standardHelp(CommandLine line, String[] version) {
		for (CommandLine sub : line.getSubcommands().values()) {
			sub.getCommandSpec().mixinStandardHelpOptions(true); // no-op where the command has its own help option
			if (sub.getCommandSpec().version().length == 0) {
				sub.getCommandSpec().version(version);
			}
			standardHelp(sub, version);
		}
	}
}
