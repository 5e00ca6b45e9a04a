package io.itinera.journeys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.itinera.cli.JourneyTestSuite;
import io.itinera.runtime.testing.JourneyTestResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every test block of every sample journey (and of the sample workspace), one JUnit test each, on the real compiler, step function and Drools. */
class JourneyTestsTest {

	@TestFactory
	Stream<DynamicNode> everySampleJourneysTestsPass() throws IOException {
		List<Path> files = SampleJourneysTest.sampleJourneys();
		assertFalse(files.isEmpty());
		JourneyTestSuite suite = new JourneyTestSuite();
		return files.stream().map(file -> {
			JourneyTestSuite.FileResults results = suite.run(file);
			if (!results.errors().isEmpty()) {
				return DynamicTest.dynamicTest(file.toString(), () -> fail(String.join("\n", results.errors())));
			}
			return DynamicContainer.dynamicContainer(file.toString(), results.results().stream()
					.map(result -> DynamicTest.dynamicTest(result.test().title(), () -> check(result))));
		});
	}

	/** The test blocks of journeys/workspace/itinera.workspace: its journeys together, with shared caps and priority. */
	@TestFactory
	Stream<DynamicTest> theWorkspacesTestsPass() {
		JourneyTestSuite.FileResults results = new JourneyTestSuite().runWorkspace(Path.of("workspace"));
		assertTrue(results.errors().isEmpty(), () -> String.join("\n", results.errors()));
		assertFalse(results.results().isEmpty(), "journeys/workspace/itinera.workspace has tests");
		return results.results().stream().map(result -> DynamicTest.dynamicTest(result.test().title(), () -> check(result)));
	}

	private static void check(JourneyTestResult result) {
		assertTrue(result.passed(), result::report);
	}
}
