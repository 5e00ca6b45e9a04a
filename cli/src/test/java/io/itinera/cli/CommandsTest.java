package io.itinera.cli;

import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.InProcessCli.Result;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile, graph, generate and run as a user calls them (in this JVM). */
class CommandsTest {
	@TempDir
	static Path dir;
	static Path journey;

	@BeforeAll
	static void journey() throws Exception {
		journey = Path.of(CommandsTest.class.getResource("/restart.journey").toURI());
	}

	@Test
	void compileWritesAPlanThatReadsBack() throws Exception {
		Path plan = dir.resolve("plan.json");
		Result result = execute("compile", journey.toString(), "-o", plan.toString());
		assertEquals(0, result.exit(), result.err());
		JourneyPlan read = PlanJson.read(Files.readString(plan));
		assertEquals("RestartTest", read.name());
		assertEquals(3, read.stages().size());
	}

	@Test
	void compileOfABrokenJourneyPrintsFileLineColumn() throws Exception {
		Path broken = dir.resolve("broken.journey");
		Files.writeString(broken, "journey Broken {\n  stage A { on nothing -> A }\n}\n");
		Result result = execute("compile", broken.toString());
		assertEquals(1, result.exit());
		assertTrue(result.err().contains("broken.journey:2:"), result.err());
	}

	@Test
	void graphPrintsMermaidAndDot() {
		Result mermaid = execute("graph", journey.toString());
		assertEquals(0, mermaid.exit(), mermaid.err());
		assertTrue(mermaid.out().startsWith("flowchart"), mermaid.out());
		assertTrue(mermaid.out().contains("Abandoned"), mermaid.out());
		Result dot = execute("graph", journey.toString(), "--format", "dot");
		assertTrue(dot.out().contains("digraph"), dot.out());
	}

	@Test
	void compileAndGraphWriteIntoAFolderTheyMake() throws Exception {
		Path graph = dir.resolve("new-folder/graph.mmd");
		assertEquals(0, execute("graph", journey.toString(), "-o", graph.toString()).exit());
		assertTrue(Files.readString(graph).startsWith("flowchart"));
		Path plan = dir.resolve("other-folder/plan.json");
		assertEquals(0, execute("compile", journey.toString(), "-o", plan.toString()).exit());
		assertEquals("RestartTest", PlanJson.read(Files.readString(plan)).name());
	}

	@Test
	void generateIsSeededAndRunSummarises() throws Exception {
		Path first = dir.resolve("a.csv");
		Path second = dir.resolve("b.csv");
		assertEquals(0, execute("generate", "--count", "3000", "--customers", "200", "--seed", "9", "-o", first.toString()).exit());
		assertEquals(0, execute("generate", "--count", "3000", "--customers", "200", "--seed", "9", "-o", second.toString()).exit());
		assertEquals(-1L, Files.mismatch(first, second));

		Files.writeString(first, "c1,last tuesday,cart_add,p1,home,3.5,,\n", java.nio.file.StandardOpenOption.APPEND);
		Path out = dir.resolve("out");
		Result run = execute("run", journey.toString(), "--events", first.toString(), "--out", out.toString(), "--no-progress");
		assertEquals(0, run.exit(), run.err());
		assertTrue(run.out().contains("events read"), run.out());
		assertTrue(run.out().contains("dead letters"), run.out());
		assertTrue(run.out().contains("Abandoned"), run.out());
		assertTrue(run.out().contains("events/s"), run.out());
		assertTrue(run.out().contains("dead letters   1"), run.out());
		assertTrue(Files.readString(out.resolve("dead-letters.jsonl")).startsWith("{\"line\":3002,\"reason\":\"bad timestamp 'last tuesday'"),
				Files.readString(out.resolve("dead-letters.jsonl")));
		assertTrue(Files.size(out.resolve("actions.jsonl")) > 0);
		assertTrue(Files.isDirectory(out.resolve("state")), "RocksDB is the default store");
	}

	@Test
	void runWithAMissingLogSaysSo() {
		Result run = execute("run", journey.toString(), "--events", dir.resolve("nope.csv").toString(), "--in-memory");
		assertEquals(2, run.exit());
		assertTrue(run.err().contains("nope.csv: no such event log"), run.err());
	}
}
