package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's header and the summaries of {@code run} and {@code simulate} say where the data ends and
 * how many timers were still pending then: a customer who came on the last day had no time to move on.
 */
class EndOfDataTest {
	/** a carts and is abandoned 6 hours later; b comes on the last day: its 1-day Browsing timer is still to fire. */
	private static final String LOG = "customer,time,type,item,amount\n"
			+ "a,2026-03-02T08:00:00Z,view,i,\n"
			+ "a,2026-03-02T09:00:00Z,cart,i,\n"
			+ "b,2026-03-04T08:00:00Z,view,i,\n";

	@TempDir
	Path dir;
	Path journey;
	Path log;

	@BeforeEach
	void files() throws IOException {
		journey = dir.resolve("handmade.journey");
		Files.writeString(journey, SimulateCommandTest.JOURNEY.formatted(""));
		log = dir.resolve("events.csv");
		Files.writeString(log, LOG);
	}

	@Test
	void runSaysWhereTheDataEndsAndWhatWasStillPending() {
		String said = InProcessCli.succeeding("run", journey.toString(), "--events", log.toString(), "--out", dir.resolve("out").toString(),
				"--in-memory", "--no-progress");
		assertTrue(said.contains("  data ends      2026-03-04 08:00 UTC (latest event time of the log)\n"), said);
		assertTrue(said.contains("  timers pending 1, due after the end of the data: customers with time still to run"), said);
	}

	@Test
	void simulateSaysItInItsSummaryReportAndFigures() throws IOException {
		Path out = dir.resolve("sim");
		String said = InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--out", out.toString(),
				"--no-progress");
		String sentence = "1 timer still pending at the end of the data (due after 2026-03-04 08:00 UTC)";
		assertTrue(said.contains("The data ends 2026-03-04 08:00 UTC (latest event time of the log); " + sentence + "."), said);
		JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
		assertEquals("2026-03-04T08:00:00Z", report.get("window").get("dataEnds").asText());
		assertEquals(1, report.get("input").get("timersPending").asLong());
		String html = Files.readString(out.resolve("report.html"));
		assertTrue(html.contains("data ends 2026-03-04 08:00 UTC (latest event of the log) · " + sentence), html);
	}

	@Test
	void aReplayEndingBeforeTheDataSaysSo() throws IOException {
		Path out = dir.resolve("cut");
		String said = InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--to", "2026-03-03", "--out",
				out.toString(), "--no-progress");
		assertTrue(said.contains("The data ends 2026-03-04 08:00 UTC (latest event time of the log); no timers pending at the "
				+ "end of the replay."), said);
		JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
		assertEquals("2026-03-03T00:00:00Z", report.get("window").get("to").asText());
		assertEquals("2026-03-04T08:00:00Z", report.get("window").get("dataEnds").asText());
	}
}
