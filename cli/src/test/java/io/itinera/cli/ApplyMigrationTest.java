package io.itinera.cli;

import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.InProcessCli.Result;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's state knows its journey: a resumed run with an edited journey is refused, and
 * {@code itinera migrate} applies a new version so that the run goes on with it. restart.journey
 * (v1) runs over the first half of a small log; restart-v2.journey (Abandoned renamed Waiting with a
 * 2-day timer instead of 1 day, Lapsed customers leave) is applied; v2 runs over the whole log.
 */
class ApplyMigrationTest {
	private static final String HEADER = "customer,time,type,productId,category,price,orderId,amount\n";
	/** T0 = 2026-03-01T00:00Z; the first half ends at T0+30h, the whole log at T0+60h. */
	private static final String FIRST_HALF = HEADER
			+ "a,2026-03-01T00:00:00Z,cart_add,p1,,3.5,,\n"
			+ "d,2026-03-01T00:00:00Z,cart_add,p1,,3.5,,\n"
			+ "d,2026-03-01T00:10:00Z,purchase,,,,o1,3.5\n"
			+ "i,2026-03-01T06:00:00Z,cart_add,p1,,3.5,,\n"
			+ "b,2026-03-01T20:00:00Z,cart_add,p1,,3.5,,\n"
			+ "c,2026-03-02T05:30:00Z,cart_add,p1,,3.5,,\n"
			+ "k,2026-03-02T06:00:00Z,cart_add,p1,,3.5,,\n";
	private static final String SECOND_HALF = ""
			+ "f,2026-03-02T16:00:00Z,cart_add,p1,,3.5,,\n"
			+ "g,2026-03-03T02:00:00Z,cart_add,p1,,3.5,,\n"
			+ "g,2026-03-03T03:00:00Z,purchase,,,,o2,3.5\n"
			+ "j,2026-03-03T12:00:00Z,cart_add,p1,,3.5,,\n";

	@TempDir
	Path dir;
	Path v1;
	Path v2;
	Path state;

	@BeforeEach
	void runTheFirstHalfWithV1() throws IOException, URISyntaxException {
		v1 = Path.of(getClass().getResource("/restart.journey").toURI());
		v2 = Path.of(getClass().getResource("/restart-v2.journey").toURI());
		state = dir.resolve("state");
		// the same file name: the run is named by its journey and its log
		Path half = Files.createDirectories(dir.resolve("half")).resolve("events.csv");
		Files.writeString(half, FIRST_HALF);
		Result first = execute("run", v1.toString(), "--events", half.toString(), "--out", dir.resolve("out").toString(), "--state",
				state.toString(), "--no-progress", "--workers", "2");
		assertEquals(0, first.exit(), first.err() + first.out());
	}

	private Path wholeLog() throws IOException {
		Path whole = Files.createDirectories(dir.resolve("whole")).resolve("events.csv");
		Files.writeString(whole, FIRST_HALF + SECOND_HALF);
		return whole;
	}

	private Result runWhole(Path journey) throws IOException {
		return execute("run", journey.toString(), "--events", wholeLog().toString(), "--out", dir.resolve("out").toString(), "--state",
				state.toString(), "--no-progress", "--workers", "2");
	}

	private RunProgress progress() {
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			return store.progress().orElseThrow();
		}
	}

	@Test
	void theStateKeepsThePlanItRan() throws IOException {
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			assertEquals("RestartTest", PlanJson.read(store.planJson().orElseThrow()).name());
		}
	}

	@Test
	void aResumedRunWithAnEditedJourneyIsRefusedWithTheChanges() throws IOException {
		Path edited = dir.resolve("restart.journey");
		Files.writeString(edited, Files.readString(v1).replace("after 1 day -> Lapsed", "after 3 days -> Lapsed"));
		RunProgress before = progress();
		Result result = runWhole(edited);
		assertEquals(2, result.exit(), result.out() + result.err());
		String err = result.err();
		assertTrue(err.contains("has changed since the run in " + state), err);
		assertTrue(err.contains("stage Abandoned: timer to Lapsed after 1 day is now after 3 days"), err);
		assertTrue(err.contains(":20 -> ") && err.contains("restart.journey:20\n"), err);
		assertTrue(err.contains("itinera migrate --state " + state + " --dry-run " + edited), err);
		assertTrue(err.contains("itinera migrate --state " + state + " " + edited), err);
		assertTrue(err.contains("another --state"), err);
		assertEquals(before, progress(), "nothing was run");
	}

	@Test
	void aCommentOnlyEditIsNotRefused() throws IOException {
		Path commented = dir.resolve("restart.journey");
		Files.writeString(commented, "// a comment, and the lines move\n\n" + Files.readString(v1).replace("  stage Lapsed", "  // lapsed\n  stage Lapsed"));
		Result result = runWhole(commented);
		assertEquals(0, result.exit(), result.out() + result.err());
		assertTrue(result.out().contains("Resumed after line"), result.out());
	}

	@Test
	void aMigrationAppliedGoesOnWithTheNewVersion() throws IOException {
		Result dry = execute("migrate", "--state", state.toString(), "--dry-run", v2.toString());
		assertEquals(0, dry.exit(), dry.err() + dry.out());
		Result applied = execute("migrate", "--state", state.toString(), v2.toString());
		assertEquals(0, applied.exit(), applied.err() + applied.out());
		// at T0+30h: a lapsed (exits), b and i in Abandoned, c and k in Carted, d out
		for (String line : List.of("Abandoned -> Waiting", "Carted -> Carted")) {
			assertTrue(applied.out().contains(String.format("  %-40s %d%n", line, 2)), applied.out());
		}
		assertTrue(applied.out().contains(String.format("  %-40s %d%n", "Lapsed -> exit", 1)), applied.out());
		assertTrue(applied.out().contains("(not in the journey: 1)"), applied.out());
		assertTrue(applied.out().contains("Timers: 2 cancelled, 2 set, 0 moved"), applied.out());
		assertTrue(applied.out().contains("Applied:"), applied.out());
		// the same tally as the dry run
		assertEquals(dry.out().lines().skip(1).filter(l -> l.startsWith("  ")).toList(),
				applied.out().lines().skip(1).filter(l -> l.startsWith("  ")).toList());
		RunProgress migrated = progress();
		assertEquals(Map.of("Waiting", 2L, "Carted", 2L), migrated.stageCounts());
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			assertEquals("Kill and restart, v2", PlanJson.read(store.planJson().orElseThrow()).title());
		}
		// applying again: the state is of v2 now, nothing moves
		assertFalse(runWhole(v1).exit() == 0, "v1 is now the changed journey");

		Result second = runWhole(v2);
		assertEquals(0, second.exit(), second.err() + second.out());
		assertTrue(second.out().contains("Resumed after line 8"), second.out());
		// worked out by hand, with v2's timers for customers migrated:
		// a out (Lapsed at T0+25h, exited by the migration); b Abandoned at T0+21h -> Waiting, 2 days: due T0+69h > T0+60h;
		// c Carted at T0+29h30, kept 1-hour timer -> Waiting at T0+30h30; k likewise; d and g purchased; f Carted at T0+40h ->
		// Waiting at T0+41h; i Abandoned at T0+7h -> Waiting, due T0+55h -> Lapsed; j Carted at T0+60h, the end of the log.
		RunProgress end = progress();
		assertEquals(Map.of("Waiting", 4L, "Lapsed", 1L, "Carted", 1L), end.stageCounts(), second.out());
		assertEquals(9, end.customers(), second.out());
	}

	/**
	 * The "done when": v1 over half the log; a version that renames a stage, removes one with a
	 * mapping, changes a timer and a feature window and adds a rule; migrate; the rest of the log.
	 */
	@Test
	void everyKindOfChangeAtOnceEndsAsWorkedOutByHand() throws IOException, URISyntaxException {
		Path v3 = Path.of(getClass().getResource("/restart-v3.journey").toURI());
		Path actions = dir.resolve("out").resolve("actions.jsonl");
		long firstHalfActions = Files.readAllLines(actions).size();
		Result applied = execute("migrate", "--state", state.toString(), v3.toString());
		assertEquals(0, applied.exit(), applied.err() + applied.out());
		// at T0+30h: a Lapsed (removed: -> Gone), b and i Abandoned (-> Waiting: 2 days from entry), c and k Carted (timer kept)
		assertEquals(Map.of("Gone", 1L, "Waiting", 2L, "Carted", 2L), progress().stageCounts());

		Path whole = Files.createDirectories(dir.resolve("whole")).resolve("events.csv");
		Files.writeString(whole, FIRST_HALF + SECOND_HALF
				+ "m,2026-03-02T11:00:00Z,cart_add,p1,,3.5,,\n"
				+ "m,2026-03-02T11:30:00Z,cart_add,p2,,3.5,,\n");
		Result rest = execute("run", v3.toString(), "--events", whole.toString(), "--out", dir.resolve("out").toString(), "--state",
				state.toString(), "--no-progress", "--workers", "2");
		assertEquals(0, rest.exit(), rest.err() + rest.out());
		// b Waiting till T0+69h; i Gone at T0+55h; c Waiting at T0+30h30, k at T0+31h (reminders); m Carted at T0+35h with a
		// second cart, Waiting at T0+36h with 7.0 in carts (the new coupon rule); f Waiting at T0+41h; g Waiting at T0+51h,
		// then its purchase (exit); j Carted at T0+60h
		assertEquals(Map.of("Waiting", 5L, "Gone", 2L, "Carted", 1L), progress().stageCounts(), rest.out());
		assertEquals(10, progress().customers());
		List<String> sent = Files.readAllLines(actions).stream().skip(firstHalfActions)
				.map(line -> line.replaceAll(".*\"customer\":\"(\\w+)\",\"time\":\"([^\"]+)\".*\"target\":\"(\\w+)\".*", "$2 $1 $3"))
				.sorted().toList();
		assertEquals(List.of("2026-03-02T06:30:00Z c cart_reminder", "2026-03-02T07:00:00Z k cart_reminder",
				"2026-03-02T12:00:00Z m cart_coupon", "2026-03-02T17:00:00Z f cart_reminder", "2026-03-03T03:00:00Z g cart_reminder"),
				sent);
	}

	@Test
	void aStageGoneWithoutAMappingIsRefusedAndNothingWritten() throws IOException {
		Path unmapped = dir.resolve("unmapped.journey");
		Files.writeString(unmapped, Files.readString(v2).replace("    Lapsed -> exit\n", "")
				.replace("  stage Lapsed (awareness) { }\n", "").replace("after 2 days -> Lapsed", "after 2 days -> Carted"));
		RunProgress before = progress();
		Result result = execute("migrate", "--state", state.toString(), unmapped.toString());
		assertEquals(1, result.exit(), result.err() + result.out());
		assertTrue(result.err().contains("1 customers are in Lapsed, which is gone"), result.err());
		assertTrue(result.err().contains("Nothing was written"), result.err());
		assertEquals(before, progress());
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			assertEquals("Kill and restart", PlanJson.read(store.planJson().orElseThrow()).title());
		}
	}
}
