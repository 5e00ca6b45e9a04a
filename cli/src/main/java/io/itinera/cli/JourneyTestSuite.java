package io.itinera.cli;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyException;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.TestCase;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspaceTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tests of one .journey file, or of a workspace folder's {@code itinera.workspace}, run with the
 * real compiler, step function and Drools rules (a workspace's through its {@code WorkspaceStep}).
 */
public final class JourneyTestSuite {
	/** The file's test results, or, when it has errors, the diagnostics that stopped it (file:line:col). */
	public record FileResults(Path file, List<JourneyTestResult> results, List<String> errors) {
		public long passed() {
			return results.stream().filter(JourneyTestResult::passed).count();
		}

		public long failed() {
			return results.size() - passed();
		}
	}

	/** Tests run a journey's rules, raw DRL too, and give its scores: its models are not loaded. */
	private static final AssemblyOptions TESTED = AssemblyOptions.DEFAULT.allowingRawDrl(true).withoutModels(true);

	private final JourneyLoader loader = new JourneyLoader();

	public FileResults run(Path file) {
		JourneyLoader.LoadedJourney loaded = loader.load(file);
		if (loaded.hasErrors() || loaded.journey() == null) {
			return new FileResults(file, List.of(), loaded.diagnostics().stream().filter(JourneyDiagnostic::error)
					.map(JourneyDiagnostic::format).collect(Collectors.toList()));
		}
		JourneyPlan plan = new JourneyCompiler().compile(loaded.journey());
		try (AssembledJourney journey = RuntimeAssembly.journey(plan, file, TESTED)) {
			return new FileResults(file, new JourneyTestRunner(journey).runAll(), List.of());
		} catch (AssemblyException e) {
			return new FileResults(file, List.of(), List.of(e.getMessage()));
		}
	}

	/** The test blocks of {@code folder}'s {@code itinera.workspace}, through all the folder's journeys. */
	public FileResults runWorkspace(Path folder) {
		Path file = folder.resolve(WorkspaceFile.NAME);
		StringWriter problems = new StringWriter();
		PrintWriter problemLines = new PrintWriter(problems, true);
		try (AssembledWorkspace workspace = AssemblyAdapter.workspace(folder, TESTED.notingTo(problemLines::println), problemLines)) {
			if (workspace == null) {
				return new FileResults(file, List.of(), problems.toString().lines().toList());
			}
			List<TestCase> tests = WorkspaceTests.readIn(folder, workspace.plans());
			return new FileResults(file, new JourneyTestRunner(workspace.newStep(), tests).runAll(), List.of());
		} catch (WorkspaceFile.WorkspaceFileException e) {
			return new FileResults(file, List.of(), List.of(e.getMessage()));
		} catch (IOException e) {
			return new FileResults(file, List.of(), List.of(file + ": cannot be read: " + e.getMessage()));
		}
	}
}
