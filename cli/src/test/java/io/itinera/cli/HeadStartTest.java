package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.HeadStart.Part;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command begins on other threads from its arguments, and that a run with a head start writes what one without does. */
class HeadStartTest {
	@TempDir
	static Path dir;
	static String withCampaigns;
	static String withoutCampaigns;

	@BeforeAll
	static void journeys() throws Exception {
		withCampaigns = Path.of(HeadStartTest.class.getResource("/restart.journey").toURI()).toString();
		Path plain = dir.resolve("plain.journey");
		Files.writeString(plain, "journey Plain {\n  entry on visit -> A\n  event visit { }\n  stage A { }\n}\n");
		withoutCampaigns = plain.toString();
	}

	@Test
	void aCommandThatRunsRulesOverAJourneyWithCampaignsBeginsTheLanguageAndTheRules() {
		assertEquals(List.of(Part.LANGUAGE, Part.RULES), HeadStart.parts("run", withCampaigns, "--events", "log.csv"));
		assertEquals(List.of(Part.LANGUAGE, Part.RULES), HeadStart.parts("simulate", withCampaigns, "--events", "log.csv"));
	}

	@Test
	void aJourneyWithoutCampaignsOrACommandThatRunsNoRulesBeginsTheLanguageOnly() {
		assertEquals(List.of(Part.LANGUAGE), HeadStart.parts("run", withoutCampaigns, "--events", "log.csv"));
		assertEquals(List.of(Part.LANGUAGE), HeadStart.parts("check", withCampaigns));
		assertEquals(List.of(Part.LANGUAGE), HeadStart.parts("compile", withCampaigns, "-o", "plan.json"));
	}

	@Test
	void aWorkspaceFolderCountsItsJourneys() throws Exception {
		Path workspace = Files.createDirectories(dir.resolve("workspace"));
		Files.copy(Path.of(withCampaigns), workspace.resolve("restart.journey"));
		assertEquals(List.of(Part.LANGUAGE, Part.RULES), HeadStart.parts("run", workspace.toString(), "--events", "log.csv"));
		assertEquals(List.of(), HeadStart.parts("run", Files.createDirectories(dir.resolve("empty")).toString(), "--events", "log.csv"));
	}

	@Test
	void noJourneyNamedNothingBegun() {
		assertEquals(List.of(), HeadStart.parts("run", "plan.json", "--events", "log.csv"));
		assertEquals(List.of(), HeadStart.parts("run", dir.resolve("missing.journey").toString()));
		assertEquals(List.of(), HeadStart.parts("--version"));
		assertEquals(List.of(), HeadStart.parts());
		assertEquals(List.of(), HeadStart.parts("run", "bad\0path.journey"));
	}

	@Test
	void aRunWithAHeadStartWritesWhatARunWithoutOneWrites() throws Exception {
		Path log = dir.resolve("log.csv");
		assertEquals(0, InProcessCli.execute("generate", "--count", "2000", "--customers", "100", "--seed", "3", "-o", log.toString()).exit());
		String[] with = {"run", withCampaigns, "--events", log.toString(), "--out", dir.resolve("with").toString(), "--no-progress"};
		HeadStart.begin(with); // first in this JVM, unless another test class built rules before
		InProcessCli.succeeding(with);
		String[] without = {"run", withCampaigns, "--events", log.toString(), "--out", dir.resolve("without").toString(), "--no-progress"};
		InProcessCli.succeeding(without);
		assertTrue(Files.size(dir.resolve("with").resolve("actions.jsonl")) > 0);
		for (String file : List.of("actions.jsonl", "stage-changes.jsonl", "dead-letters.jsonl")) {
			assertEquals(-1L, Files.mismatch(dir.resolve("without").resolve(file), dir.resolve("with").resolve(file)), file);
		}
	}
}
