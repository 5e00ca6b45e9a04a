package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.engine.EngineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where an {@code itinera} command's failure becomes what the user sees: a line that
 * says what is wrong (and, for a wrong command line, where the help is), and a named {@link ExitCode}.
 * No stack trace reaches the user; {@code ITINERA_DEBUG=1} (or {@code -Ditinera.debug=true}) adds it.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
	static final String DEBUG_HINT = "run it again with ITINERA_DEBUG=1 for the stack trace";

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine line = ex.getCommandLine();
		PrintWriter err = line.getErr();
		if (ex instanceof MissingParameterException && !line.getUnmatchedArguments().isEmpty()) {
			// picocli checks what is required before what it did not know: the mistyped option is what to fix first
			ex = new UnmatchedArgumentException(line, line.getUnmatchedArguments());
		}
		err.println(oneLine(ex.getMessage()));
		if (ex instanceof UnmatchedArgumentException unmatched) {
			UnmatchedArgumentException.printSuggestions(unmatched, err);
		}
		err.println("See '" + line.getCommandSpec().qualifiedName() + " --help'.");
		err.flush();
		return ExitCode.ERROR.code();
	}

	@Override
	public int handleExecutionException(Exception ex, CommandLine line, ParseResult parseResult) {
		PrintWriter err = line.getErr();
		line.getOut().flush();
		ExitCode exit = exitOf(ex);
		err.println(exit == ExitCode.INTERNAL || unexplained(ex) ? internal(ex, line) : message(ex));
		if (debug()) {
			ex.printStackTrace(err);
		}
		err.flush();
		return exit.code();
	}

	static ExitCode exitOf(Throwable ex) {
		if (ex instanceof CommandError error) {
			return error.exit();
		}
		if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException || ex instanceof EngineException
				|| ex instanceof IOException || ex instanceof UncheckedIOException) {
			return ExitCode.ERROR;
		}
		return ExitCode.INTERNAL;
	}

	/** The exception's message for a user: a file problem says the file and what went wrong with it. */
	static String message(Throwable ex) {
		Throwable shown = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
		if (shown instanceof FileSystemException file && file.getFile() != null) {
			String what = file instanceof NoSuchFileException ? "no such file or folder"
					: file instanceof AccessDeniedException ? "permission denied"
					: file instanceof FileAlreadyExistsException ? "already exists"
					: file instanceof NotDirectoryException ? "not a folder"
					: file.getReason() != null ? file.getReason() : shown.getClass().getSimpleName();
			return file.getFile() + (file.getOtherFile() != null ? " -> " + file.getOtherFile() : "") + ": " + what;
		}
		String message = shown.getMessage();
		return message == null || message.isBlank() ? shown.getClass().getSimpleName() : message.strip();
	}

	/** An error that says nothing but its class: the user gets what an internal error says (how to see the trace). */
	private static boolean unexplained(Throwable ex) {
		return message(ex).equals((ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex).getClass().getSimpleName());
	}

	private static String internal(Exception ex, CommandLine line) {
		String message = ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage());
		return line.getCommandSpec().qualifiedName() + " failed on an internal error (" + ex.getClass().getSimpleName() + message
				+ "); " + (debug() ? "its stack trace follows; please report it" : DEBUG_HINT + ", and please report it") + ".";
	}

	/** A message's first line: a stray line break never breaks the one-line form. */
	static String oneLine(String message) {
		String trimmed = message.strip();
		int end = trimmed.indexOf('\n');
		return end < 0 ? trimmed : trimmed.substring(0, end).strip();
	}

	static boolean debug() {
		String env = System.getenv("ITINERA_DEBUG");
		return Boolean.getBoolean("itinera.debug")
				|| (env != null && !env.isBlank() && !env.equals("0") && !env.toLowerCase(Locale.ROOT).equals("false"));
	}
}
