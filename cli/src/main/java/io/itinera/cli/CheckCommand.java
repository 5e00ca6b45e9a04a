package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.cli.journey.JourneyLoader;
import io.itinera.cli.journey.SharedSegmentsCheck;
import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.runtime.change.ChangeFinding;
import io.itinera.runtime.change.MigrationCheck;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspaceTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera check FILE…|DIR [--against OLD]}: every diagnostic as file:line:col, non-zero exit on
 * errors; with {@code --against}, also what replacing the running version OLD by FILE does to its customers.
 * A folder's {@code itinera.workspace} (a workspace's shared caps and quiet hours) is checked too.
 */
@Command(name = "check", description = "Parse and validate journeys; print every problem as file:line:col.")
public final class CheckCommand implements Callable<Integer> {

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".journey files, or folders to search for them")
	List<Path> paths;

	@picocli.CommandLine.Option(names = "--forbid-raw-drl", description = "report raw drl blocks as errors (as run does without --allow-raw-drl)")
	boolean forbidRawDrl;

	@picocli.CommandLine.Option(names = "--against", paramLabel = "OLD", description = "the running version (a .journey file"
			+ " or plan.json): also report what replacing it by FILE does to the customers already in it")
	Path against;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		List<Path> files = JourneyLoader.expandNamedPaths(paths, err);
		if (files == null) {
			return ExitCode.ERROR.code();
		}
		if (files.isEmpty()) {
			throw CommandError.error("No .journey files found in " + paths + ".");
		}
		if (against != null && files.size() != 1) {
			throw CommandError.error("--against compares one new version with the running one: give one .journey file, not " + files.size() + ".");
		}
		JourneyLoader loader = new JourneyLoader(forbidRawDrl);
		int errors = 0;
		int warnings = 0;
		Map<Path, JourneyPlan> plans = new HashMap<>();
		List<JourneyLoader.LoadedJourney> loadedJourneys = new ArrayList<>();
		for (Path file : files) {
			JourneyLoader.LoadedJourney loaded = loader.load(file);
			loadedJourneys.add(loaded);
			for (JourneyDiagnostic diagnostic : loaded.diagnostics()) {
				out.println(diagnostic.format());
				if (diagnostic.error()) errors++; else warnings++;
			}
			if (!loaded.hasErrors() && loaded.journey() != null) {
				out.println(file + ": " + JourneySummary.of(loaded.journey()));
				plans.put(file.toAbsolutePath().normalize(), new JourneyCompiler().compile(loaded.journey()));
				if (against != null) {
					JourneyPlan oldPlan = JourneyPlans.load(against, err);
					if (oldPlan == null) {
						err.flush();
						return ExitCode.ERROR.code();
					}
					for (ChangeFinding finding : MigrationCheck.of(oldPlan, new JourneyCompiler().compile(loaded.journey()))) {
						out.println(finding.format());
						if (finding.error()) errors++; else warnings++;
					}
				}
			}
		}
		for (Path path : paths) {
			if (java.nio.file.Files.isDirectory(path) && AssemblyAdapter.settings(path, out) == null) {
				errors++; // a workspace file's bad line, named by file and line
			} else if (java.nio.file.Files.isDirectory(path) && !workspaceTestsRead(path, plans, out)) {
				errors++;
			}
			if (java.nio.file.Files.isDirectory(path)) {
				Path folder = path.toAbsolutePath().normalize();
				for (JourneyDiagnostic problem : SharedSegmentsCheck.of(path, loadedJourneys.stream()
						.filter(j -> folder.equals(j.file().toAbsolutePath().normalize().getParent())).toList())) {
					out.println(problem.format());
					errors++;
				}
			}
		}
		out.println(files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked: " + errors + " error"
				+ (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s") + ".");
		out.flush();
		return (errors > 0 ? ExitCode.FAILED : ExitCode.OK).code();
	}

	/**
	 * Whether the test blocks of {@code folder}'s workspace file read against its journeys (true when
	 * it has none, or a journey has errors of its own, reported above); else says which line is wrong.
	 */
	private static boolean workspaceTestsRead(Path folder, Map<Path, JourneyPlan> plans, PrintWriter out)
			throws IOException {
		if (!WorkspaceTests.hasTests(folder)) {
			return true;
		}
		List<JourneyPlan> journeys = new ArrayList<>();
		for (Path file : AssemblyAdapter.journeyFiles(folder)) {
			JourneyPlan plan = plans.get(file.toAbsolutePath().normalize());
			if (plan == null) {
				return true;
			}
			journeys.add(plan);
		}
		try {
			WorkspaceTests.readIn(folder, journeys);
			return true;
		} catch (WorkspaceFile.WorkspaceFileException e) {
			out.println(e.getMessage());
			return false;
		}
	}
}
