package io.itinera.cli;

import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.InProcessCli.Result;
import io.itinera.runtime.io.SyntheticEventLog;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera migrate --dry-run} over the state a real {@code itinera run} wrote: restart.journey
 * to restart-v2.journey ({@code Abandoned -> Waiting} with a 2-day timer instead of 1 day,
 * {@code Lapsed -> exit}, Carted unchanged). The counts must follow from the run's own stage counts.
 */
class MigrateCommandTest {
	@TempDir
	static Path dir;
	static Path oldJourney;
	static Path newJourney;
	static Path state;
	static Map<String, Long> stageCounts;
	static long customers;

	@BeforeAll
	static void runTheOldVersion() throws IOException, URISyntaxException {
		oldJourney = Path.of(MigrateCommandTest.class.getResource("/restart.journey").toURI());
		newJourney = Path.of(MigrateCommandTest.class.getResource("/restart-v2.journey").toURI());
		Path log = dir.resolve("events.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(6_000, 500, 11, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 20, false).write(out);
		}
		Path out = dir.resolve("out");
		state = dir.resolve("state");
		assertEquals(0, ItineraCommand.commandLine().execute("run", oldJourney.toString(), "--events", log.toString(), "--out",
				out.toString(), "--state", state.toString(), "--map", "type.favourite=-", "--no-progress"));
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			RunProgress progress = store.progress().orElseThrow();
			stageCounts = progress.stageCounts();
			customers = progress.customers();
		}
	}

	private static long inStage(String stage) {
		return stageCounts.getOrDefault(stage, 0L);
	}

	@Test
	void countsFollowTheRunsStages() {
		long carted = inStage("Carted");
		long abandoned = inStage("Abandoned");
		long lapsed = inStage("Lapsed");
		assertTrue(carted + abandoned > 0 && lapsed > 0, "the run must leave customers in its stages: " + stageCounts);
		Result result = execute("migrate", "--state", state.toString(), "--old", oldJourney.toString(), "--dry-run",
				newJourney.toString());
		assertEquals(0, result.exit(), result.err() + result.out());
		String out = result.out();
		if (carted > 0) {
			assertTrue(out.contains(String.format("  %-40s %d%n", "Carted -> Carted", carted)), out);
		}
		if (abandoned > 0) {
			assertTrue(out.contains(String.format("  %-40s %d%n", "Abandoned -> Waiting", abandoned)), out);
		}
		assertTrue(out.contains(String.format("  %-40s %d%n", "Lapsed -> exit", lapsed)), out);
		assertTrue(out.contains("(not in the journey: " + (customers - carted - abandoned - lapsed) + ")"), out);
		// each customer in Abandoned has its 1-day timer pending: cancelled, and the 2-day one set; Carted's is kept
		assertTrue(out.contains("Timers: " + abandoned + " cancelled, " + abandoned + " set, 0 moved"), out);
		// Rescue's otherwise rule greets everyone who moves into Waiting
		assertTrue(out.contains("At once: " + abandoned + " customers would be sent " + abandoned + " actions"), out);
	}

	@Test
	void aStageGoneWithoutAMappingIsAnErrorWithTheFix() throws IOException {
		Path unmapped = dir.resolve("unmapped.journey");
		Files.writeString(unmapped, Files.readString(newJourney).replace("    Lapsed -> exit\n", "")
				.replace("  stage Lapsed (awareness) { }\n", "").replace("after 2 days -> Lapsed", "after 2 days -> Carted"));
		Result result = execute("migrate", "--state", state.toString(), "--old", oldJourney.toString(), "--dry-run",
				unmapped.toString());
		assertEquals(1, result.exit(), result.err() + result.out());
		assertTrue(result.err().contains(inStage("Lapsed") + " customers are in Lapsed, which is gone: add `Lapsed -> Stage`"),
				result.err());
	}

	@Test
	void anotherJourneysStateIsRefused() throws IOException {
		Path other = dir.resolve("other.journey");
		Files.writeString(other, Files.readString(oldJourney).replace("journey RestartTest", "journey OtherJourney"));
		Result result = execute("migrate", "--state", state.toString(), "--old", other.toString(), "--dry-run",
				newJourney.toString());
		assertEquals(2, result.exit());
		assertTrue(result.err().contains("not of journey OtherJourney"), result.err());
	}
}
