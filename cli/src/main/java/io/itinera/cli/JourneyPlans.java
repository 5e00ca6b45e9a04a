package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.journey.JourneyLoader;
import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Gets a plan from a .journey file (parsed, validated, compiled) or from a compiled plan.json. */
final class JourneyPlans {
	private JourneyPlans() {
	}

	/**
	 * What {@code compile} gives, or null after telling {@code err} that a journey file is gone: for a server reloading, a
	 * file removed since it started is one more reason to refuse the reload, not an error that stops the server.
	 */
	static <T> T unlessGone(Function<PrintWriter, T> compile, PrintWriter err) {
		try {
			return compile.apply(err);
		} catch (CommandError gone) {
			err.println(gone.getMessage());
			return null;
		}
	}

	/**
	 * The plan, or null after printing the file's errors (file:line:col) to {@code err}. A file that is not there is a
	 * wrong argument, not a journey with errors: a {@link CommandError} (exit 2), as for a missing log.
	 */
	static JourneyPlan load(Path file, PrintWriter err) {
		if (!Files.isRegularFile(file)) {
			throw CommandError.error(file + ": no such file; give a .journey file (or a plan compiled with itinera compile).");
		}
		if (file.getFileName().toString().endsWith(".json")) {
			try {
				return PlanJson.read(Files.readString(file));
			} catch (IOException | PlanJson.PlanFormatException e) {
				err.println(file + ":1:1: error: " + e.getMessage());
				return null;
			}
		}
		JourneyLoader.LoadedJourney loaded = new JourneyLoader().load(file);
		for (JourneyDiagnostic diagnostic : loaded.diagnostics()) {
			if (diagnostic.error()) {
				err.println(diagnostic.format());
			}
		}
		if (loaded.hasErrors() || loaded.journey() == null) {
			err.println(file + ": fix the errors above (itinera check " + file + " lists warnings too).");
			return null;
		}
		return new JourneyCompiler().compile(loaded.journey());
	}
}
