package io.itinera.cli.journey;

import java.nio.file.Path;

/** One problem in a journey file, printed the way compilers print them: file:line:col. */
public record JourneyDiagnostic(Path file, int line, int column, boolean error, String message, String code) {

	public String format() {
		return file + ":" + line + ":" + column + ": " + (error ? "error" : "warning") + ": " + message;
	}
}
