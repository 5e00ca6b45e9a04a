package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The summaries of {@code run} and {@code simulate} count each line of the log once, dead-lettered or not. */
class SummaryLineCountsTest {
	@TempDir
	static Path dir;
	static Path journey;
	static Path log;

	@BeforeAll
	static void write() throws Exception {
		journey = Files.writeString(dir.resolve("orders.journey"), """
				journey Orders "orders" {
				  entry on order -> Ordered
				  event order { amount: decimal }
				  stage Ordered (purchase) { }
				}
				""");
		// a 6-line file: the header, two good lines and three bad ones
		log = Files.writeString(dir.resolve("events.csv"), """
				time,customer,type,amount
				2024-01-01T00:00:00Z,c1,order,5
				not a line
				2024-01-02T00:00:00Z,c2,order,abc
				2024-01-03T00:00:00Z,c3
				2024-01-04T00:00:00Z,c4,order,7
				""");
	}

	private static String execute(String... args) {
		StringWriter out = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(out));
		command.setErr(new PrintWriter(new StringWriter()));
		command.execute(args);
		return out.toString();
	}

	@Test
	void runCountsTheFiveLinesAfterTheHeaderOnce() {
		String said = execute("run", journey.toString(), "--events", log.toString(), "--out", dir.resolve("run").toString(),
				"--in-memory", "--no-progress", "--max-bad-lines", "100%");
		assertTrue(said.contains("events read    2 of 5 lines"), said);
		assertTrue(said.contains("dead letters   3 "), said);
	}

	@Test
	void simulateCountsTheFiveLinesAfterTheHeaderOnce() {
		String said = execute("simulate", journey.toString(), "--events", log.toString(), "--out", dir.resolve("sim").toString(),
				"--no-progress", "--max-bad-lines", "100%");
		assertTrue(said.contains("; 5 lines in "), said);
		assertEquals(1, said.lines().filter(line -> line.startsWith("3 lines dead-lettered")).count(), said);
	}
}
