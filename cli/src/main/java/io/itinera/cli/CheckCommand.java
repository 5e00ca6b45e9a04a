package io.itinera.cli;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.cli.journey.JourneyDiagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera check FILE…|DIR}: every diagnostic as file:line:col, non-zero exit on errors. */
@Command(name = "check", description = "Parse and validate journeys; print every problem as file:line:col.")
public final class CheckCommand implements Callable<Integer> {

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".journey files, or folders to search for them")
	List<Path> paths;

	@picocli.CommandLine.Option(names = "--forbid-raw-drl", description = "report raw drl blocks as errors (as run does without --allow-raw-drl)")
	boolean forbidRawDrl;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		List<Path> files = JourneyLoader.expandNamedPaths(paths, err);
		if (files == null) {
			return 2;
		}
		if (files.isEmpty()) {
			err.println("No .journey files found in " + paths + ".");
			return 2;
		}
		if (forbidRawDrl) {
			System.setProperty(io.itinera.dsl.validation.DrlBlockValidator.RAW_DRL_PROPERTY, "forbid");
		}
		JourneyLoader loader = new JourneyLoader();
		int errors = 0;
		int warnings = 0;
		for (Path file : files) {
			JourneyLoader.LoadedJourney loaded = loader.load(file);
			for (JourneyDiagnostic diagnostic : loaded.diagnostics()) {
				out.println(diagnostic.format());
				if (diagnostic.error()) errors++; else warnings++;
			}
			if (!loaded.hasErrors() && loaded.journey() != null) {
				out.println(file + ": " + JourneySummary.of(loaded.journey()));
			}
		}
		out.println(files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked: " + errors + " error"
				+ (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s") + ".");
		out.flush();
		return errors > 0 ? 1 : 0;
	}
}
