package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the itinera command line in this JVM, as a user calls it, and keeps what it printed. */
final class InProcessCli {
	private InProcessCli() {
	}

	/** A finished command: its exit code and what it wrote to standard out and standard error. */
	record Result(int exit, String out, String err) {
	}

	static Result execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine(args);
		command.setOut(new PrintWriter(out));
		command.setErr(new PrintWriter(err));
		int exit = command.execute(args);
		return new Result(exit, out.toString(), err.toString());
	}

	/** Runs a command that must exit 0; returns its standard output. */
	static String succeeding(String... args) {
		Result result = execute(args);
		assertEquals(0, result.exit(), String.join(" ", args) + "\n" + result.out() + "\n" + result.err());
		return result.out();
	}

	/** Runs a command that must exit 0; returns its standard output and error as one text, in the order written. */
	static String succeedingTranscript(String... args) {
		StringWriter text = new StringWriter();
		CommandLine command = ItineraCommand.commandLine(args);
		command.setOut(new PrintWriter(text));
		command.setErr(new PrintWriter(text));
		assertEquals(0, command.execute(args), String.join(" ", args) + "\n" + text);
		return text.toString();
	}
}
