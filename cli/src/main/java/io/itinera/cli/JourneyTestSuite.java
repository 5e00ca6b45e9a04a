package io.itinera.cli;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The tests of one .journey file, run with the real compiler, step function and Drools rules. */
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

	private final JourneyLoader loader = new JourneyLoader();

	public FileResults run(Path file) {
		JourneyLoader.LoadedJourney loaded = loader.load(file);
		if (loaded.hasErrors() || loaded.journey() == null) {
			return new FileResults(file, List.of(), loaded.diagnostics().stream().filter(JourneyDiagnostic::error)
					.map(JourneyDiagnostic::format).collect(Collectors.toList()));
		}
		JourneyPlan plan = new JourneyCompiler().compile(loaded.journey());
		JourneyTestRunner runner = new JourneyTestRunner(plan, DroolsCampaignRules.forPlan(plan));
		return new FileResults(file, runner.runAll(), List.of());
	}
}
