package io.itinera.cli.journey;

import io.itinera.runtime.text.Shown;
import java.nio.file.Path;

/**
 * One problem in a journey file, printed the way compilers print them: file:line:col, on one line
 * (what the message quotes from the file is escaped and cut: {@link Shown#message}).
 */
public record JourneyDiagnostic(Path file, int line, int column, boolean error, String message, String code) {

	public String format() {
		return file + ":" + line + ":" + column + ": " + (error ? "error" : "warning") + ": " + Shown.message(message);
	}
}
