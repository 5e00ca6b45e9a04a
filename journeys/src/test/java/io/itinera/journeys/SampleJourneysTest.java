package io.itinera.journeys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.cli.journey.JourneyLoader;

/** Every sample journey parses and validates clean: no errors and no warnings. */
class SampleJourneysTest {

	static List<Path> sampleJourneys() throws IOException {
		return JourneyLoader.expand(List.of(Path.of(".")));
	}

	@TestFactory
	Stream<DynamicTest> everySampleValidatesClean() throws IOException {
		List<Path> files = sampleJourneys();
		assertFalse(files.isEmpty(), "no sample journeys found under " + Path.of(".").toAbsolutePath());
		JourneyLoader loader = new JourneyLoader();
		return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
			JourneyLoader.LoadedJourney loaded = loader.load(file);
			assertNotNull(loaded.journey(), file + " did not parse");
			assertTrue(loaded.diagnostics().isEmpty(), () -> loaded.diagnostics().stream()
					.map(JourneyDiagnostic::format).collect(Collectors.joining("\n")));
		}));
	}
}
