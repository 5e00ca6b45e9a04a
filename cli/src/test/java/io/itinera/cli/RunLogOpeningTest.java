package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} reads its log's first pass on a thread of its own while the journey assembles
 * ({@link LogOpening}): what goes wrong is told as if one had come after the other, and nothing of the
 * log's reading outlives a failed start.
 */
class RunLogOpeningTest {
	/** c1's lines in reverse time order: the replay sorts the log (its sorted runs in OUT/.sorted-log while read). */
	private static final String OUT_OF_ORDER_LOG = """
			customer,time,type,productId,price
			c1,2026-03-03T10:00:00Z,cart_add,p3,30
			c2,2026-03-01T09:00:00Z,cart_add,p9,5
			c1,2026-03-02T10:00:00Z,cart_add,p2,20
			c1,2026-03-01T10:00:00Z,cart_add,p1,10
			""";

	@TempDir
	Path dir;

	private static Path journey() throws Exception {
		return Path.of(RunLogOpeningTest.class.getResource("/restart.journey").toURI());
	}

	/** The journey with a raw DRL block, which assembly refuses without --allow-raw-drl. */
	private Path unassemblable() throws Exception {
		String text = Files.readString(journey()).replace("    rule \"Remind\" otherwise then send push \"cart_reminder\"\n",
				"    rule \"Remind\" otherwise then send push \"cart_reminder\"\n    drl \"\"\"\n    rule \"Rescue :: raw\" when then end\n    \"\"\"\n");
		return Files.writeString(dir.resolve("raw.journey"), text);
	}

	@Test
	void aJourneyThatFailsToAssembleIsToldAndTheLogReadMeanwhileIsClosed() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), OUT_OF_ORDER_LOG);
		Path out = dir.resolve("out");
		InProcessCli.Result run = InProcessCli.execute("run", unassemblable().toString(), "--events", log.toString(), "--out",
				out.toString(), "--no-progress");
		assertEquals(1, run.exit(), run.out() + run.err());
		assertTrue(run.err().contains("raw.journey:") && run.err().contains("raw drl block"), run.err());
		assertFalse(Files.exists(EventInputOptions.sortFolder(out)), "the log's sorted runs are gone with the log");
		assertFalse(Files.exists(out.resolve("state")), "the run never opened its state");
		assertTrue(readersEnd(), "the log's reader ends: it is not left reading");
	}

	/** Whether every log-opening thread ends within seconds (one hands its log over just before its thread returns). */
	private static boolean readersEnd() throws InterruptedException {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().equals("itinera-log-opening")) {
				thread.join(10_000);
				if (thread.isAlive()) {
					return false;
				}
			}
		}
		return true;
	}

	@Test
	void aJourneyThatFailsToAssembleIsToldBeforeWhatIsWrongWithTheLog() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), OUT_OF_ORDER_LOG);
		InProcessCli.Result run = InProcessCli.execute("run", unassemblable().toString(), "--events", log.toString(), "--out",
				dir.resolve("out").toString(), "--map", "customer=user", "--no-progress");
		assertEquals(1, run.exit(), run.out() + run.err());
		assertTrue(run.err().contains("raw drl block"), run.err());
		assertFalse(run.err().contains("user"), "one failure is told, the first: " + run.err());
	}

	@Test
	void whatIsWrongWithTheLogIsToldAsWhenItWasReadAfterTheAssembly() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), OUT_OF_ORDER_LOG);
		List<String> args = List.of("--events", log.toString(), "--map", "customer=user", "--no-progress");
		InProcessCli.Result run = InProcessCli.execute(concat("run", journey().toString(), "--out", dir.resolve("run").toString(), args));
		InProcessCli.Result simulate = InProcessCli.execute(concat("simulate", journey().toString(), "--out", dir.resolve("sim").toString(),
				args));
		assertEquals(2, run.exit(), run.out() + run.err());
		assertTrue(run.err().contains("user"), "the message names the missing column: " + run.err());
		assertEquals(simulate.exit(), run.exit());
		assertEquals(simulate.err(), run.err(), "run and simulate read the log alike");
	}

	@Test
	void aSortedLogRunsOnTwoWorkersAndTheSameCommandAgainRepeatsNothing() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), OUT_OF_ORDER_LOG);
		RunsOverState runs = new RunsOverState(log, dir.resolve("out"), dir.resolve("state"));
		InProcessCli.Result first = runs.run(journey());
		assertEquals(0, first.exit(), first.out() + first.err());
		assertTrue(first.out().contains("log order"), "the replay sorted the log: " + first.out());
		List<String> actions = Files.readAllLines(dir.resolve("out").resolve("actions.jsonl"));
		List<String> stageChanges = Files.readAllLines(dir.resolve("out").resolve("stage-changes.jsonl"));
		assertFalse(stageChanges.isEmpty());

		InProcessCli.Result again = runs.run(journey());
		assertEquals(0, again.exit(), again.out() + again.err());
		assertEquals(actions, Files.readAllLines(dir.resolve("out").resolve("actions.jsonl")));
		assertEquals(stageChanges, Files.readAllLines(dir.resolve("out").resolve("stage-changes.jsonl")));
		assertFalse(Files.exists(EventInputOptions.sortFolder(dir.resolve("out"))), "the sorted runs live only while the log is read");

		Path simulated = dir.resolve("simulation");
		InProcessCli.Result simulate = InProcessCli.execute("simulate", journey().toString(), "--events", log.toString(), "--out",
				simulated.toString(), "--no-progress");
		assertEquals(0, simulate.exit(), simulate.err());
		assertEquals(Files.readAllLines(simulated.resolve("stage-changes.jsonl")).stream().sorted().toList(),
				stageChanges.stream().sorted().toList(), "run and simulate agree (two workers write in another order)");
	}

	private static String[] concat(String command, String journey, String outOption, String out, List<String> more) {
		List<String> args = new java.util.ArrayList<>(List.of(command, journey, outOption, out));
		args.addAll(more);
		return args.toArray(String[]::new);
	}
}
