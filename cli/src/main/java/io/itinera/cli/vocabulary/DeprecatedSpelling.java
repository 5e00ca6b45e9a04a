package io.itinera.cli.vocabulary;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An old spelling of an option, kept working (hidden from the help) for one release: using it says
 * once on standard error what to write instead. docs/cli.md lists them.
 */
public final class DeprecatedSpelling {
	private DeprecatedSpelling() {
	}

	/** {@code value}, given with the old spelling {@code old}: says the note when one was given (picocli calls with null too). */
	public static <T> T read(CommandSpec command, String old, String now, T value) {
		if (value != null) {
			used(command, old, now);
		}
		return value;
	}

	public static void used(CommandSpec command, String old, String now) {
		PrintWriter err = command.commandLine().getErr();
		err.println("note: " + command.qualifiedName() + " " + old + " is now " + now + "; the old spelling goes in the next release.");
		err.flush();
	}
}
