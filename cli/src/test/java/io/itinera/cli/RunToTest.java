package io.itinera.cli;

import io.itinera.cli.vocabulary.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --to T}: the replay ends at T as {@code simulate --to T} ends it. */
class RunToTest {
	/** c1 carts at 10:00 (abandoned at 11:00, lapsed a day later); c3's cart comes days after the end. */
	private static final String LOG = """
			customer,time,type,productId,price
			c1,2026-03-01T10:00:00Z,cart_add,p1,10
			c3,2026-03-05T00:00:00Z,cart_add,p3,5
			""";
	private static final String END = "2026-03-01T12:00:00Z";

	@TempDir
	Path dir;

	private static String journey() throws Exception {
		return Path.of(RunToTest.class.getResource("/restart.journey").toURI()).toString();
	}

	@Test
	void timersDueBeforeTheEndFireAndLaterEventsAreLeftOut() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), LOG);
		Path out = dir.resolve("run");
		InProcessCli.Result run = InProcessCli.execute("run", journey(), "--events", log.toString(), "--out", out.toString(),
				"--to", END, "--no-progress", "--workers", "2");
		assertEquals(0, run.exit(), run.err());
		assertTrue(run.out().contains("events read    1 of 2 lines (1 skipped by the mapping or at or after --to " + END + ")"),
				run.out());
		assertTrue(run.out().contains("replay end     " + END + " (--to)"), "the end is --to, not the later event: " + run.out());
		assertTrue(run.out().contains("customers      1"), run.out());
		assertTrue(run.out().contains("actions        1"), "the 11:00 timer fired, the reminder went: " + run.out());
		assertTrue(run.out().contains("timers pending 1"), "the lapse, due the next day, is after the end: " + run.out());
		List<String> actions = Files.readAllLines(out.resolve("actions.jsonl"));
		assertEquals(1, actions.size(), actions.toString());
		assertTrue(actions.get(0).contains("\"c1\"") && actions.get(0).contains("2026-03-01T11:00:00Z"), actions.get(0));

		Path simulated = dir.resolve("simulation");
		InProcessCli.Result simulate = InProcessCli.execute("simulate", journey(), "--events", log.toString(), "--out",
				simulated.toString(), "--to", END, "--no-progress");
		assertEquals(0, simulate.exit(), simulate.err());
		assertEquals(Files.readAllLines(simulated.resolve("actions.jsonl")), actions, "run --to and simulate --to agree");

		InProcessCli.Result explain = InProcessCli.execute("explain", "c1", "--state", out.resolve("state").toString());
		assertEquals(0, explain.exit(), "explain replays to the run's --to: " + explain.out() + explain.err());
	}

	@Test
	void withoutAnEndAShortLogLeavesItsTimersPending() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), "customer,time,type,productId,price\nc1,2026-03-01T10:00:00Z,cart_add,p1,10\n");
		InProcessCli.Result run = InProcessCli.execute("run", journey(), "--events", log.toString(), "--out",
				dir.resolve("run").toString(), "--no-progress", "--in-memory");
		assertEquals(0, run.exit(), run.err());
		assertTrue(run.out().contains("actions        0") && run.out().contains("timers pending 1"), run.out());
		assertTrue(run.out().contains("replay end     2026-03-01T10:00:00Z, the latest event (line 2)"), run.out());
	}

	@Test
	void anEndBeforeTheWholeLogIsTheEndShownForAWorkspaceToo() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), LOG);
		Path workspace = Files.createDirectories(dir.resolve("workspace"));
		Files.copy(Path.of(journey()), workspace.resolve("restart.journey"));
		Files.writeString(workspace.resolve("itinera.workspace"), "cap 3 per 7 days\n");
		InProcessCli.Result run = InProcessCli.execute("run", workspace.toString(), "--events", log.toString(), "--out",
				dir.resolve("run").toString(), "--to", "2020-01-01", "--no-progress", "--in-memory");
		assertEquals(0, run.exit(), run.err());
		assertTrue(run.out().contains("events read    0 of 2 lines"), run.out());
		assertTrue(run.out().contains("replay end     2020-01-01T00:00:00Z (--to)"), run.out());
	}

	@Test
	void aRunGoesOnOnlyWithTheEndItStartedWith() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), LOG);
		Path out = dir.resolve("run");
		assertEquals(0, InProcessCli.execute("run", journey(), "--events", log.toString(), "--out", out.toString(), "--to", END,
				"--no-progress").exit());
		InProcessCli.Result later = InProcessCli.execute("run", journey(), "--events", log.toString(), "--out",
				out.toString(), "--to", "2026-03-03", "--no-progress");
		assertEquals(ExitCode.ERROR.code(), later.exit(), later.out());
		assertTrue(later.err().contains("ends its replay at --to " + END) && later.err().contains("another --state"), later.err());
		assertEquals(0, InProcessCli.execute("run", journey(), "--events", log.toString(), "--out", out.toString(), "--to", END,
				"--no-progress").exit());
	}

	@Test
	void theEndIsForAReplayOfALog() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), LOG);
		InProcessCli.Result live = InProcessCli.execute("run", journey(), "--events", log.toString(), "--in-memory",
				"--clock", "wall", "--to", END);
		assertEquals(ExitCode.ERROR.code(), live.exit());
		assertTrue(live.err().contains("--to ends a replay of a log in event time; it does not go with --clock wall"), live.err());
		InProcessCli.Result bad = InProcessCli.execute("run", journey(), "--events", log.toString(), "--in-memory", "--to",
				"soon");
		assertEquals(ExitCode.ERROR.code(), bad.exit());
		assertTrue(bad.err().contains("--to soon: give an ISO date or date-time"), bad.err());
	}
}
