package io.itinera.cli;

import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.InProcessCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code itinera flink} tells a user before any job starts (the job itself is tested in the flink module). */
class FlinkCommandTest {
	@TempDir
	Path dir;

	/** Runs {@code args} where the flink module has no job build, as before {@code mvn -pl flink package}. */
	private Result executeWithoutTheJobBuild(String... args) {
		String before = System.getProperty("itinera.flinkTarget");
		System.setProperty("itinera.flinkTarget", dir.resolve("no-build").toString());
		try {
			return execute(args);
		} finally {
			if (before == null) {
				System.clearProperty("itinera.flinkTarget");
			} else {
				System.setProperty("itinera.flinkTarget", before);
			}
		}
	}

	private static String journey() throws Exception {
		return Path.of(FlinkCommandTest.class.getResource("/restart.journey").toURI()).toString();
	}

	@Test
	void withoutAnInputItSaysWhichToGive() throws Exception {
		Result result = execute("flink", journey(), "--out", dir.toString(), "--local");
		assertEquals(2, result.exit(), result.err());
		assertTrue(result.err().contains("give --events LOG or --kafka HOST:PORT with --events-topic T"), result.err());
	}

	@Test
	void aMissingLogIsNamed() throws Exception {
		Result result = execute("flink", journey(), "--events", dir.resolve("nope.jsonl").toString(), "--out", dir.toString(), "--local");
		assertEquals(2, result.exit(), result.err());
		assertTrue(result.err().contains("nope.jsonl"), result.err());
	}

	@Test
	void withoutTheJobBuildItSaysHowToBuildIt() throws Exception {
		Path log = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
		Result result = executeWithoutTheJobBuild("flink", journey(), "--events", log.toString(), "--out", dir.toString(), "--local");
		assertEquals(2, result.exit(), result.err());
		assertTrue(result.err().contains("mvn -B -q -pl flink -am package -DskipTests"), result.err());
	}

	@Test
	void theSharedOptionsReachTheJobInItsOwnForm() throws Exception {
		Path log = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
		// no job jar to submit: the message gives the job's command line
		Result result = executeWithoutTheJobBuild("flink", journey(), "--events", log.toString(), "--out", dir.toString(),
				"--score-wait-us", "500", "--to", "2026-03-02", "--group", "shop", "--lateness", "30s", "--max-skew", "2d");
		assertEquals(2, result.exit(), result.err());
		assertTrue(result.err().contains("--score-wait-us 500"), result.err());
		assertTrue(result.err().contains("--end-at 2026-03-01T23:59:59.999Z"), "timers due before --to fire: " + result.err());
		assertTrue(result.err().contains("--group-id shop") && result.err().contains("--lateness-ms 30000"), result.err());
		assertTrue(result.err().contains("--max-skew-ms 172800000"), "the end rule is run's: " + result.err());
	}

	@Test
	void aWorkspaceFolderIsCheckedHereAndItsWrongLineNamed() throws Exception {
		Path folder = Files.createDirectory(dir.resolve("workspace"));
		Files.copy(Path.of(journey()), folder.resolve("restart.journey"));
		Files.writeString(folder.resolve("itinera.workspace"), "cap email 2 per 7 days\nquiet hours 25:00 - 07:00\n");
		Path log = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
		Result result = execute("flink", folder.toString(), "--events", log.toString(), "--out", dir.resolve("out").toString(), "--local");
		assertEquals(1, result.exit(), result.err());
		assertTrue(result.err().contains("itinera.workspace:2: 25:00 is no time of day"), result.err());
	}

	@Test
	void aGoodWorkspaceFolderGoesOnToTheJob() throws Exception {
		Path log = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
		Result result = executeWithoutTheJobBuild("flink", WorkspaceRunTest.WORKSPACE.toString(), "--events", log.toString(), "--out",
				dir.resolve("out").toString(), "--local");
		assertEquals(2, result.exit(), result.err());
		assertTrue(result.err().contains("has no job build"), result.err());
	}

	@Test
	void aLocalReplaysHeapGrowsWithItsLogUpToTheDefault() {
		long mib = 1024 * 1024;
		assertEquals(768 * mib + 2_000, FlinkCommand.FlinkJobFiles.replayHeapBytes(1_000, 6_000 * mib));
		assertEquals(768 * mib + 256 * mib, FlinkCommand.FlinkJobFiles.replayHeapBytes(128 * mib, 6_000 * mib));
		assertEquals(6_000 * mib, FlinkCommand.FlinkJobFiles.replayHeapBytes(10_000 * mib, 6_000 * mib));
		assertEquals(768 * mib, FlinkCommand.FlinkJobFiles.replayHeapBytes(10_000 * mib, 512 * mib));
	}
}
