package io.itinera.cli.vocabulary;

/**
 * Why a command stops, for the user: one line that names what is wrong and the fix, and the exit
 * status. Thrown from anywhere in a command; the command line's error handler prints it, never a stack trace.
 */
public final class CommandError extends RuntimeException {
	private static final long serialVersionUID = 1L;

	private final transient ExitCode exit;

	public CommandError(ExitCode exit, String message) {
		super(message, null, false, false);
		this.exit = exit;
	}

	/** A wrong option, argument or input ({@link ExitCode#ERROR}). */
	public static CommandError error(String message) {
		return new CommandError(ExitCode.ERROR, message);
	}

	public ExitCode exit() {
		return exit;
	}
}
