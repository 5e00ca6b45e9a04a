package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code simulate v1 --compare v2 --switch-at T}: the switched run ends where {@code itinera migrate}
 * at T and a run of v2 end (ApplyMigrationTest's log and hand-worked outcome), and the report sets it
 * against v1 throughout.
 */
class SimulateSwitchAtTest {
	private static final String LOG = "customer,time,type,productId,category,price,orderId,amount\n"
			+ "a,2026-03-01T00:00:00Z,cart_add,p1,,3.5,,\n"
			+ "d,2026-03-01T00:00:00Z,cart_add,p1,,3.5,,\n"
			+ "d,2026-03-01T00:10:00Z,purchase,,,,o1,3.5\n"
			+ "i,2026-03-01T06:00:00Z,cart_add,p1,,3.5,,\n"
			+ "b,2026-03-01T20:00:00Z,cart_add,p1,,3.5,,\n"
			+ "c,2026-03-02T05:30:00Z,cart_add,p1,,3.5,,\n"
			+ "k,2026-03-02T06:00:00Z,cart_add,p1,,3.5,,\n"
			+ "f,2026-03-02T16:00:00Z,cart_add,p1,,3.5,,\n"
			+ "g,2026-03-03T02:00:00Z,cart_add,p1,,3.5,,\n"
			+ "g,2026-03-03T03:00:00Z,purchase,,,,o2,3.5\n"
			+ "j,2026-03-03T12:00:00Z,cart_add,p1,,3.5,,\n";

	@TempDir
	Path dir;

	private static int itinera(StringWriter out, StringWriter err, String... args) {
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(out));
		command.setErr(new PrintWriter(err));
		return command.execute(args);
	}

	private static Map<String, Long> inAtTheEnd(JsonNode report) {
		Map<String, Long> current = new TreeMap<>();
		for (JsonNode stage : report.get("stages")) {
			if (stage.get("current").asLong() > 0) {
				current.put(stage.get("name").asText(), stage.get("current").asLong());
			}
		}
		return current;
	}

	@Test
	void theSwitchedRunEndsAsAMigrationAtTheSwitchWouldAndIsComparedWithTheOldThroughout()
			throws IOException, URISyntaxException {
		Path v1 = Path.of(getClass().getResource("/restart.journey").toURI());
		Path v2 = Path.of(getClass().getResource("/restart-v2.journey").toURI());
		Path log = dir.resolve("events.csv");
		Files.writeString(log, LOG);
		Path out = dir.resolve("report");
		StringWriter said = new StringWriter();
		StringWriter err = new StringWriter();
		int code = itinera(said, err, "simulate", v1.toString(), "--events", log.toString(), "--compare", v2.toString(),
				"--switch-at", "2026-03-02T06:00:00Z", "--out", out.toString(), "--no-progress");
		assertEquals(0, code, said + "\n" + err);
		assertTrue(said.toString().contains("Switched to " + v2 + " at 2026-03-02T06:00:00Z: "), said.toString());
		JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
		// v1 throughout: a, b, c, k, i lapse (1 day in Abandoned); f waits in Abandoned; j has just carted
		assertEquals(Map.of("Lapsed", 5L, "Abandoned", 1L, "Carted", 1L), inAtTheEnd(report.get("base")));
		// switched at T0+30h: a (Lapsed) leaves; b, i Abandoned -> Waiting (2 days from their entry: i lapses at T0+55h);
		// c keeps its Carted timer; k (at T0+30h), f, g, j are v2's from their first event: as ApplyMigrationTest
		assertEquals(Map.of("Waiting", 4L, "Lapsed", 1L, "Carted", 1L), inAtTheEnd(report.get("other")));
		assertTrue(report.get("differences").toString().contains("customers entering Waiting"), report.toString());
	}

	@Test
	void aSwitchWithoutAVersionToSwitchToIsRefused() throws URISyntaxException, IOException {
		Path v1 = Path.of(getClass().getResource("/restart.journey").toURI());
		Path log = dir.resolve("events.csv");
		Files.writeString(log, LOG);
		StringWriter err = new StringWriter();
		int code = itinera(new StringWriter(), err, "simulate", v1.toString(), "--events", log.toString(), "--switch-at",
				"2026-03-02T06:00:00Z", "--out", dir.resolve("r").toString(), "--no-progress");
		assertEquals(2, code);
		assertTrue(err.toString().contains("--compare"), err.toString());
	}
}
