package io.itinera.cli;

import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.InProcessCli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --pin-old}: restart.journey (v1) runs to T0+30h; restart-v2.journey (Abandoned renamed
 * Waiting with a 2-day timer, Lapsed customers leave) then runs with --pin-old to T0+50h, and on to
 * T0+60h after a restart without the flag. Customers on their way at the change finish on v1 (a 1-day
 * Abandoned timer, then Lapsed, where v2's migrate block sends them out); those who came after take v2.
 */
class PinOldVersionTest {
	private static final String HEADER = "customer,time,type,productId,category,price,orderId,amount\n";
	private static final String TO_30H = HEADER
			+ "a,2026-03-01T00:00:00Z,cart_add,p1,,3.5,,\n"
			+ "d,2026-03-01T00:00:00Z,cart_add,p1,,3.5,,\n"
			+ "d,2026-03-01T00:10:00Z,purchase,,,,o1,3.5\n"
			+ "i,2026-03-01T06:00:00Z,cart_add,p1,,3.5,,\n"
			+ "b,2026-03-01T20:00:00Z,cart_add,p1,,3.5,,\n"
			+ "c,2026-03-02T05:30:00Z,cart_add,p1,,3.5,,\n"
			+ "k,2026-03-02T06:00:00Z,cart_add,p1,,3.5,,\n";
	private static final String TO_50H = ""
			+ "f,2026-03-02T16:00:00Z,cart_add,p1,,3.5,,\n"
			+ "g,2026-03-03T02:00:00Z,cart_add,p1,,3.5,,\n";
	private static final String TO_60H = ""
			+ "g,2026-03-03T03:00:00Z,purchase,,,,o2,3.5\n"
			+ "j,2026-03-03T12:00:00Z,cart_add,p1,,3.5,,\n";
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;
	Path v1;
	Path v2;
	Path state;
	Path log;
	String v1Version;

	@BeforeEach
	void runV1ToThirtyHours() throws IOException, URISyntaxException {
		v1 = Path.of(getClass().getResource("/restart.journey").toURI());
		v2 = Path.of(getClass().getResource("/restart-v2.journey").toURI());
		state = dir.resolve("state");
		log = dir.resolve("events.csv");
		Files.writeString(log, TO_30H);
		Result first = run(v1);
		assertEquals(0, first.exit(), first.err() + first.out());
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			v1Version = PlanVersion.of(store.planJson().orElseThrow());
		}
	}

	private Result run(Path journey, String... more) {
		return new RunsOverState(log, dir.resolve("out"), state).run(journey, more);
	}

	private RunProgress progress() {
		return new RunsOverState(log, dir.resolve("out"), state).progress();
	}

	/** Each stored customer's version: v1's, or "v2" for those on the state's plan. */
	private Map<String, String> versions() {
		Map<String, String> versions = new TreeMap<>();
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			store.forEachCustomer((id, bytes) -> {
				String pinned = PlanVersion.pinnedTo(SlotCodec.state(bytes));
				versions.put(id, pinned == null ? "v2" : pinned);
			});
		}
		return versions;
	}

	/** Customer → "stage-or-exit@version" of their stage changes in the order written, from the second run on. */
	private Map<String, List<String>> laterLines(String file, String field) throws IOException {
		Map<String, List<String>> byCustomer = new TreeMap<>();
		for (String line : Files.readAllLines(dir.resolve("out").resolve(file))) {
			JsonNode node = JSON.readTree(line);
			if (node.has("version")) {
				byCustomer.computeIfAbsent(node.get("customer").asText(), c -> new ArrayList<>())
						.add(node.get(field).asText() + "@" + node.get("version").asText());
			}
		}
		return byCustomer;
	}

	@Test
	void customersOnTheirWayFinishOnTheOldVersionAndNewOnesTakeTheNew() throws IOException {
		Files.writeString(log, TO_30H + TO_50H);
		Result refused = run(v2);
		assertEquals(2, refused.exit(), refused.out() + refused.err());
		assertTrue(refused.err().contains("--pin-old"), refused.err());

		Result pinned = run(v2, "--pin-old");
		assertEquals(0, pinned.exit(), pinned.err() + pinned.out());
		// at T0+30h: a in Lapsed (terminal: finished, leaves by v2's migrate block), d out; b, i Abandoned, c, k Carted pinned
		assertTrue(pinned.err().contains("Pinned 4 customers on their way to the old version " + v1Version), pinned.err());
		assertTrue(pinned.err().contains("2 who had finished take"), pinned.err());
		String v2Version;
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			assertEquals("Kill and restart, v2", PlanJson.read(store.planJson().orElseThrow()).title());
			PinnedPlans kept = PinnedPlans.read(store.pinnedPlansJson().orElseThrow());
			assertEquals(List.of(v1Version), kept.versions().stream().map(PinnedPlans.Pinned::version).toList());
			assertEquals("Kill and restart", PlanJson.read(kept.versions().get(0).planJson()).title());
			v2Version = PlanVersion.of(store.planJson().orElseThrow());
		}
		// by T0+50h: b (Lapsed at T0+45h on v1) and i (T0+31h) finished and left; c and k Abandoned on v1 (v2 has no
		// Abandoned); f Waiting and g Carted on v2
		assertEquals(Map.of("Abandoned", 2L, "Waiting", 1L, "Carted", 1L), progress().stageCounts(), pinned.out());
		Map<String, String> versions = versions();
		assertEquals(v1Version, versions.get("c"));
		assertEquals(v1Version, versions.get("k"));
		for (String id : List.of("a", "b", "d", "f", "g", "i")) {
			assertEquals("v2", versions.get(id), id);
		}

		// a restart without the flag: each customer resumes on their version
		Files.writeString(log, TO_30H + TO_50H + TO_60H);
		Result resumed = run(v2);
		assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
		assertTrue(resumed.out().contains("Resumed after line 10"), resumed.out());
		// c: Abandoned T0+30h30 -> Lapsed T0+54h30 (v1's 1 day); k: T0+31h -> T0+55h; both then leave (v2: Lapsed -> exit).
		// g: Waiting at T0+51h (v2's timer, before the purchase of the same time), then the purchase; j Carted at T0+60h.
		assertEquals(Map.of("Waiting", 1L, "Carted", 1L), progress().stageCounts(), resumed.out());
		assertEquals(9, progress().customers());
		assertTrue(versions().values().stream().allMatch("v2"::equals), versions().toString());

		Map<String, List<String>> moves = laterLines("stage-changes.jsonl", "to");
		String old = "@" + v1Version;
		String now = "@" + v2Version;
		assertEquals(List.of("Abandoned" + old, "Lapsed" + old, "null" + now), moves.get("c"));
		assertEquals(List.of("Abandoned" + old, "Lapsed" + old, "null" + now), moves.get("k"));
		assertEquals(List.of("Lapsed" + old, "null" + now), moves.get("b"));
		assertEquals(List.of("Lapsed" + old, "null" + now), moves.get("i"));
		assertEquals(List.of("Carted" + now, "Waiting" + now), moves.get("f"));
		assertEquals(List.of("Carted" + now, "Waiting" + now, "null" + now), moves.get("g"));
		assertEquals(List.of("Carted" + now), moves.get("j"));
		assertNull(moves.get("a"), "a left at the pinning itself");
		Map<String, List<String>> reminders = laterLines("actions.jsonl", "target");
		assertEquals(Map.of("c", List.of("cart_reminder" + old), "k", List.of("cart_reminder" + old), "f",
				List.of("cart_reminder" + now), "g", List.of("cart_reminder" + now)), reminders);
	}

	@Test
	void migrateMovesThePinnedCustomersFromTheirOwnVersion() throws IOException {
		Files.writeString(log, TO_30H + TO_50H);
		assertEquals(0, run(v2, "--pin-old").exit());
		Result migrated = execute("migrate", "--state", state.toString(), v2.toString());
		assertEquals(0, migrated.exit(), migrated.err() + migrated.out());
		// c and k, pinned to v1 in Abandoned, move by v2's mapping; the customers of v2 stay where they are
		assertTrue(migrated.out().contains(String.format("  %-40s %d%n", "Abandoned -> Waiting", 2)), migrated.out());
		assertEquals(Map.of("Waiting", 3L, "Carted", 1L), progress().stageCounts());
		assertTrue(versions().values().stream().allMatch("v2"::equals), versions().toString());
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			assertTrue(PinnedPlans.read(store.pinnedPlansJson().orElseThrow()).isEmpty());
		}
	}

	@Test
	void runMigrateMovesEveryoneFirst() throws IOException {
		Files.writeString(log, TO_30H + TO_50H + TO_60H);
		Result migrated = run(v2, "--migrate");
		assertEquals(0, migrated.exit(), migrated.err() + migrated.out());
		assertTrue(migrated.err().contains("Migrated the customers in " + state + " to " + v2), migrated.err());
		// the same end as itinera migrate then run (ApplyMigrationTest)
		assertEquals(Map.of("Waiting", 4L, "Lapsed", 1L, "Carted", 1L), progress().stageCounts(), migrated.out());
	}

	@Test
	void bothAnswersAtOnceAreRefused() {
		Result both = run(v2, "--migrate", "--pin-old");
		assertEquals(2, both.exit());
		assertTrue(both.err().contains("give one of them"), both.err());
	}
}
