package io.itinera.journeys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.cli.journey.JourneyLoader;
import io.itinera.cli.JourneyTestSuite;
import io.itinera.runtime.testing.JourneyTestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ```journey block of docs/language.md (and docs/segments.md, docs/send-time.md) passes `itinera check` (no errors) and its own tests:
 * the reference cannot show a journey the language refuses or that does not do what it says.
 */
class LanguageDocExamplesTest {
	static final Path DOC = Path.of("..", "docs", "language.md");
	private static final Pattern BLOCK = Pattern.compile("(?m)^```journey\\n(.*?)^```$", Pattern.DOTALL);

	static List<String> journeyBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(markdown);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

	@TestFactory
	Stream<DynamicTest> everyJourneyBlockChecksCleanAndItsTestsPass() throws IOException {
		return examplesOf(DOC);
	}

	/** docs/segments.md's examples, the same way. */
	@TestFactory
	Stream<DynamicTest> everySegmentsExampleChecksCleanAndItsTestsPass() throws IOException {
		return examplesOf(Path.of("..", "docs", "segments.md"));
	}

	/** docs/send-time.md's examples (send at best hour), the same way. */
	@TestFactory
	Stream<DynamicTest> everySendTimeExampleChecksCleanAndItsTestsPass() throws IOException {
		return examplesOf(Path.of("..", "docs", "send-time.md"));
	}

	private static Stream<DynamicTest> examplesOf(Path doc) throws IOException {
		String markdown = Files.readString(doc);
		List<String> blocks = journeyBlocks(markdown);
		assertFalse(blocks.isEmpty(), "no ```journey blocks in " + doc.toAbsolutePath());
		String name = doc.getFileName().toString();
		Path dir = Files.createTempDirectory(name.replace('.', '-')); // not under the samples, which other tests scan
		JourneyLoader loader = new JourneyLoader();
		JourneyTestSuite suite = new JourneyTestSuite();
		List<DynamicTest> tests = new ArrayList<>();
		for (int i = 0; i < blocks.size(); i++) {
			String block = blocks.get(i);
			int line = markdown.substring(0, markdown.indexOf(block)).split("\n", -1).length;
			Path file = dir.resolve(name.replace('.', '-') + "-line-" + line + ".journey");
			Files.writeString(file, block);
			tests.add(DynamicTest.dynamicTest("docs/" + name + " line " + line, () -> {
				JourneyLoader.LoadedJourney loaded = loader.load(file);
				assertNotNull(loaded.journey(), file + " did not parse");
				List<JourneyDiagnostic> errors = loaded.diagnostics().stream().filter(JourneyDiagnostic::error).toList();
				assertTrue(errors.isEmpty(), () -> errors.stream().map(JourneyDiagnostic::format).collect(Collectors.joining("\n")));
				JourneyTestSuite.FileResults results = suite.run(file);
				assertTrue(results.errors().isEmpty(), () -> String.join("\n", results.errors()));
				assertTrue(results.results().stream().allMatch(JourneyTestResult::passed), () -> results.results().stream()
						.filter(r -> !r.passed()).map(JourneyTestResult::report).collect(Collectors.joining("\n")));
			}));
		}
		return tests.stream();
	}
}
