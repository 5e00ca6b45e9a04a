package io.itinera.cli;

import picocli.CommandLine;

/** Lets tests in other packages drive the whole command line as a user would. */
public final class ItineraCommandAccess {
	private ItineraCommandAccess() {
	}

	public static CommandLine commandLine() {
		return ItineraCommand.commandLine();
	}
}
