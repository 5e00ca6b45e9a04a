package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code itinera flink} tells a user before any job starts (the job itself is tested in the flink module). */
class FlinkCommandTest {
	@TempDir
	Path dir;

	private record Result(int exit, String err) {
	}

	private static Result execute(String... args) {
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(new StringWriter()));
		command.setErr(new PrintWriter(err));
		return new Result(command.execute(args), err.toString());
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
		String before = System.getProperty("itinera.flinkTarget");
		System.setProperty("itinera.flinkTarget", dir.resolve("no-build").toString());
		try {
			Result result = execute("flink", journey(), "--events", log.toString(), "--out", dir.toString(), "--local");
			assertEquals(2, result.exit(), result.err());
			assertTrue(result.err().contains("mvn -B -q -pl flink -am package -DskipTests"), result.err());
		} finally {
			if (before == null) {
				System.clearProperty("itinera.flinkTarget");
			} else {
				System.setProperty("itinera.flinkTarget", before);
			}
		}
	}
}
