package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.InProcessCli.Result;
import io.itinera.cli.vocabulary.ExitCode;
import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's shared manners: help, errors and exit codes, the same in every subcommand. */
class CliVocabularyTest {

	/** A command's help as one line: picocli wraps it at any space. */
	private static String help(String command) {
		return execute(command, "--help").out().replaceAll("\\s+", " ");
	}

	/** Every subcommand, as the command line knows them (a new one is walked without being listed here). */
	private static List<String> subcommands() {
		List<String> names = new ArrayList<>();
		for (CommandLine sub : ItineraCommand.commandLine().getSubcommands().values()) {
			if (!names.contains(sub.getCommandName())) {
				names.add(sub.getCommandName());
			}
		}
		return names;
	}

	@Test
	void everySubcommandAnswersHelpWithItsUsageAndExitZero() {
		List<String> names = subcommands();
		assertTrue(names.size() >= 15 && names.contains("run") && names.contains("flink"), names.toString());
		for (String name : names) {
			for (String help : List.of("--help", "-h")) {
				Result result = execute(name, help);
				assertEquals(0, result.exit(), name + " " + help + ": " + result.err());
				assertTrue(result.out().contains("Usage: itinera " + name), name + " " + help + ": " + result.out());
				assertEquals("", result.err(), name + " " + help);
			}
		}
	}

	@Test
	void aCommandLineBuiltForOneSubcommandHelpsAndReadsAsTheWholeOne() {
		for (String name : subcommands()) {
			CommandLine alone = ItineraCommand.commandLine(name, "--help");
			assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()).subList(0, 1), name);
			CommandLine whole = ItineraCommand.commandLine().getSubcommands().get(name);
			assertEquals(whole.getUsageMessage(CommandLine.Help.Ansi.OFF), alone.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF),
					name);
		}
		assertTrue(ItineraCommand.commandLine("help").getSubcommands().size() >= 15);
		assertTrue(ItineraCommand.commandLine("--version").getSubcommands().size() >= 15);
	}

	@Test
	void helpSaysEachCommandsOwnDefaultsAndHidesTheOldSpellings() {
		assertTrue(help("serve").contains("(default: 0s;"), "serve's lateness");
		assertTrue(help("run").contains("(default: 1m;"), "run's lateness");
		assertTrue(help("run").contains("the folder the output files go to (default: out)"), help("run"));
		assertTrue(help("simulate").contains("the folder the output files go to (default: target/simulation)"));
		String flink = execute("flink", "--help").out();
		assertFalse(flink.contains("default: null"), flink);
		for (String old : List.of("--end-at", "--group-id", "--delivery")) {
			assertFalse(flink.contains(old) || execute("serve", "--help").out().contains(old), old);
		}
		assertEquals(0, execute("help", "run").exit());
	}

	@Test
	void theOldSpellingsStillWorkAndSayTheNewOne() {
		record Alias(String command, String old, String now, String value, java.util.function.Function<Object, Object> read) {
		}
		List<Alias> aliases = List.of(
				new Alias("serve", "--delivery", "--deliver", "d.yaml", c -> String.valueOf(((ServeCommand) c).deliver.file)),
				new Alias("flink", "--group-id", "--group", "shop", c -> ((FlinkCommand) c).kafka.group),
				new Alias("flink", "--end-at", "--to", "2026-03-01", c -> ((FlinkCommand) c).replayEnd.text),
				new Alias("migrate", "--at", "--to", "2026-03-01", c -> ((MigrateCommand) c).replayEnd.text),
				new Alias("train", "--out", "-o/--output", "m.onnx",
						c -> String.valueOf(field(c, "out"))));
		for (Alias alias : aliases) {
			CommandLine root = ItineraCommand.commandLine();
			StringWriter err = new StringWriter();
			root.setErr(new PrintWriter(err));
			List<String> args = new ArrayList<>(List.of(alias.command(), "x.journey", alias.old(), alias.value()));
			switch (alias.command()) {
				case "serve", "migrate" -> args.addAll(List.of("--state", "s"));
				case "train" -> args.addAll(List.of("--model", "m", "--events", "e.jsonl", "--outcome", "purchase", "--within", "7d"));
				default -> {
				}
			}
			root.parseArgs(args.toArray(String[]::new));
			Object command = root.getSubcommands().get(alias.command()).getCommand();
			assertEquals(alias.value(), alias.read().apply(command), alias.toString());
			assertEquals("note: itinera " + alias.command() + " " + alias.old() + " is now " + alias.now()
					+ "; the old spelling goes in the next release.", err.toString().strip().replace(" (--out is a folder everywhere else)", ""),
					alias.toString());
		}
	}

	private static Object field(Object command, String name) {
		try {
			java.lang.reflect.Field field = command.getClass().getDeclaredField(name);
			field.setAccessible(true);
			return field.get(command);
		} catch (ReflectiveOperationException e) {
			throw new AssertionError(e);
		}
	}

	@TempDir
	Path dir;

	@Test
	void aLogWithoutATypeColumnIsOfferedEventName() throws Exception {
		Path journey = Path.of(CliVocabularyTest.class.getResource("/restart.journey").toURI());
		Path log = Files.writeString(dir.resolve("orders.csv"), "customer,time,productId,price\nc1,2026-03-01T10:00:00Z,p1,10\n");
		Result without = execute("run", journey.toString(), "--events", log.toString(), "--in-memory", "--no-progress");
		assertEquals(ExitCode.ERROR.code(), without.exit(), without.out());
		assertTrue(without.err().contains("Name it with --map type=COLUMN, or, when every line is one kind of event"), without.err());
		assertTrue(without.err().contains("--map event=NAME"), without.err());
		Result with = execute("run", journey.toString(), "--events", log.toString(), "--in-memory", "--no-progress", "--map",
				"event=cart_add");
		assertEquals(0, with.exit(), with.err());
		assertTrue(with.out().contains("events read    1 of 1 lines"), with.out());
	}

	@Test
	void anUnknownOptionIsOneLineAndWhereTheHelpIs() {
		Result result = execute("run", "x.journey", "--evnets", "log.csv");
		assertEquals(ExitCode.ERROR.code(), result.exit());
		assertEquals("", result.out());
		assertTrue(result.err().startsWith("Unknown option"), result.err());
		assertTrue(result.err().contains("See 'itinera run --help'."), result.err());
		assertFalse(result.err().contains("Usage:"), "not the whole help: " + result.err());
	}

	@Test
	void anUnknownOptionIsNamedBeforeAMissingArgument() {
		Result result = execute("check", "--bogus");
		assertEquals(ExitCode.ERROR.code(), result.exit());
		assertTrue(result.err().startsWith("Unknown option: '--bogus'"), result.err());
		assertTrue(result.err().contains("See 'itinera check --help'."), result.err());
	}

	@Test
	void aMissingArgumentIsOneLineAndWhereTheHelpIs() {
		Result result = execute("simulate");
		assertEquals(ExitCode.ERROR.code(), result.exit());
		assertTrue(result.err().startsWith("Missing required parameter"), result.err());
		assertTrue(result.err().contains("See 'itinera simulate --help'."), result.err());
		assertFalse(result.err().contains("Usage:"), result.err());
	}

	@Test
	void aJourneyFileThatIsNotThereIsAWrongArgumentInEveryCommand(@TempDir Path dir) throws Exception {
		String missing = dir.resolve("nope.journey").toString();
		String log = Files.writeString(dir.resolve("log.csv"), "customer,time,type\nc1,2026-03-01T10:00:00Z,order\n").toString();
		List<List<String>> commands = List.of(List.of("compile", missing), List.of("graph", missing),
				List.of("run", missing, "--events", log, "--in-memory"), List.of("simulate", missing, "--events", log),
				List.of("diff", missing, missing), List.of("bench", missing),
				List.of("train", missing, "--model", "m", "--events", log, "--outcome", "purchase", "--within", "7d"),
				List.of("check", missing), List.of("test", missing));
		for (List<String> command : commands) {
			Result result = execute(command.toArray(String[]::new));
			assertEquals(ExitCode.ERROR.code(), result.exit(), command + ": " + result.err());
			assertTrue(result.err().startsWith(missing + ": no such file"), command + ": " + result.err());
		}
	}

	@Test
	void aCommandWithSubcommandsListsEachByItsFirstSentence() {
		String train = execute("train", "--help").out().replaceAll("\\s+", " ");
		assertTrue(train.contains("segments Cluster customers by a journey's features"), train);
		assertFalse(train.contains("nearest-centroid ONNX model and a report. The journey"), "only the first sentence: " + train);
	}

	@Test
	void generateNamesTheOptionThatIsWrong(@TempDir Path dir) {
		Result result = execute("generate", "--count", "0", "-o", dir.resolve("log.csv").toString());
		assertEquals(ExitCode.ERROR.code(), result.exit());
		assertTrue(result.err().startsWith("--count, --customers and --days must be at least 1"), result.err());
	}

	@Test
	void anUnexpectedFailureIsOneLineWithoutAStackTrace() {
		CommandLine line = ItineraCommand.commandLine();
		StringWriter err = new StringWriter();
		line.setErr(new PrintWriter(err));
		int exit = new ErrorHandler().handleExecutionException(new NullPointerException("boom"), line.getSubcommands().get("run"),
				null);
		assertEquals(ExitCode.INTERNAL.code(), exit);
		String text = err.toString();
		assertEquals(1, text.lines().count(), text);
		assertTrue(text.contains("NullPointerException: boom") && text.contains("ITINERA_DEBUG=1"), text);
		assertFalse(text.contains("\tat "), text);
	}

	@Test
	void theStackTraceIsThereWhenAskedFor() {
		CommandLine line = ItineraCommand.commandLine();
		StringWriter err = new StringWriter();
		line.setErr(new PrintWriter(err));
		System.setProperty("itinera.debug", "true");
		try {
			new ErrorHandler().handleExecutionException(new NullPointerException("boom"), line, null);
		} finally {
			System.clearProperty("itinera.debug");
		}
		assertTrue(err.toString().contains("its stack trace follows") && err.toString().contains("\tat "), err.toString());
	}

	@Test
	void anErrorWithoutAMessageSaysWhatFailedAndHowToSeeMore() {
		CommandLine line = ItineraCommand.commandLine();
		StringWriter err = new StringWriter();
		line.setErr(new PrintWriter(err));
		int exit = new ErrorHandler().handleExecutionException(new IllegalStateException(), line.getSubcommands().get("run"), null);
		assertEquals(ExitCode.ERROR.code(), exit);
		String text = err.toString().strip();
		assertTrue(text.startsWith("itinera run failed") && text.contains("IllegalStateException") && text.contains("ITINERA_DEBUG=1"),
				text);
	}

	@Test
	void aCommandErrorKeepsItsExitCode() {
		CommandLine line = ItineraCommand.commandLine();
		StringWriter err = new StringWriter();
		line.setErr(new PrintWriter(err));
		int exit = new ErrorHandler().handleExecutionException(new CommandError(ExitCode.TOO_MANY_BAD_LINES, "too many"), line, null);
		assertEquals(3, exit);
		assertEquals("too many", err.toString().strip());
	}
}
