package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's shared manners: help, errors and exit codes, the same in every subcommand. */
class CliVocabularyTest {
	record Result(int exit, String out, String err) {
	}

	static Result execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(out));
		command.setErr(new PrintWriter(err));
		int exit = command.execute(args);
		return new Result(exit, out.toString(), err.toString());
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
	void anUnknownOptionIsOneLineAndWhereTheHelpIs() {
		Result result = execute("run", "x.journey", "--evnets", "log.csv");
		assertEquals(ExitCode.ERROR.code(), result.exit());
		assertEquals("", result.out());
		assertTrue(result.err().startsWith("Unknown option"), result.err());
		assertTrue(result.err().contains("See 'itinera run --help'."), result.err());
		assertFalse(result.err().contains("Usage:"), "not the whole help: " + result.err());
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
	void aCommandErrorKeepsItsExitCode() {
		CommandLine line = ItineraCommand.commandLine();
		StringWriter err = new StringWriter();
		line.setErr(new PrintWriter(err));
		int exit = new ErrorHandler().handleExecutionException(new CommandError(ExitCode.TOO_MANY_BAD_LINES, "too many"), line, null);
		assertEquals(3, exit);
		assertEquals("too many", err.toString().strip());
	}
}
