package io.itinera.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.cli.journey.JourneyLoader;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.runtime.change.ChangeFinding;
import io.itinera.runtime.change.MigrationCheck;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.plan.JourneyPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/changes.md shows a running version and a new one: both pass `itinera check`, the new one
 * passes `check --against` the old one with the warnings the page shows, and `diff` finds the
 * changes it lists.
 */
class ChangesDocExamplesTest {
	static final Path DOC = Path.of("..", "docs", "changes.md");

	@Test
	void theRunningAndTheNewVersionCheckCleanAndMigrateWithoutErrors() throws Exception {
		String markdown = Files.readString(DOC);
		List<String> blocks = LanguageDocExamplesTest.journeyBlocks(markdown);
		assertEquals(2, blocks.size(), "docs/changes.md shows the running version and the new one");
		Path dir = Files.createTempDirectory("changes-md");
		JourneyPlan oldPlan = checkedPlan(dir.resolve("winback.journey"), blocks.get(0));
		JourneyPlan newPlan = checkedPlan(dir.resolve("winback-v2.journey"), blocks.get(1));

		List<ChangeFinding> findings = MigrationCheck.of(oldPlan, newPlan);
		assertTrue(findings.stream().noneMatch(ChangeFinding::error), findings.toString());
		for (ChangeFinding finding : findings) {
			String shown = finding.format().replace(dir + "/", "");
			assertTrue(markdown.contains(shown), "docs/changes.md should show\n" + shown);
		}
		for (var change : PlanDiff.between(oldPlan, newPlan)) {
			assertTrue(markdown.contains("  " + change.description() + "\n      " + change.where().replace(dir + "/", "")),
					"docs/changes.md should list " + change.description());
		}
	}

	private static JourneyPlan checkedPlan(Path file, String text) throws Exception {
		Files.writeString(file, text);
		JourneyLoader.LoadedJourney loaded = new JourneyLoader().load(file);
		List<JourneyDiagnostic> errors = loaded.diagnostics().stream().filter(JourneyDiagnostic::error).toList();
		assertTrue(errors.isEmpty(), () -> errors.stream().map(JourneyDiagnostic::format).collect(Collectors.joining("\n")));
		return new JourneyCompiler().compile(loaded.journey());
	}
}
