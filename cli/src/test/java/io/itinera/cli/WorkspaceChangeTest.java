package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.cli.InProcessCli.Result;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.step.WorkspaceState;
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
 * {@code run DIR --migrate} and {@code run DIR --pin-old}: a workspace of restart.journey (v1) and a
 * greeter runs to T0+30h, when customer b sits in v1's Abandoned; restart.journey then becomes
 * restart-v2.journey (Abandoned renamed Waiting, Lapsed customers leave) and the run goes on over the
 * same state. Without a flag the changed journey is refused with its changes (and {@code itinera migrate}, which takes one
 * journey's state, points to {@code run DIR --migrate}); with --migrate b is in
 * Waiting and her next cart moves her on; with --pin-old she finishes on v1 while a new customer
 * enters v2.
 */
class WorkspaceChangeTest {
	private static final String HEADER = "customer,time,type,productId,category,price,orderId,amount\n";
	private static final String TO_30H = HEADER
			+ "b,2026-03-01T20:00:00Z,cart_add,p1,,3.5,,\n"
			+ "z,2026-03-02T06:00:00Z,product_view,p1,shoes,3.5,,\n";
	private static final String GREETER = """
			/** Greets every cart: the workspace's other journey, unchanged. */
			journey Greeter "Greeter" {
			  entry on cart_add
			  event cart_add { productId: string  price: decimal }
			  stage Greeted (consideration) { }
			}
			""";
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;
	Path folder;
	Path restart;
	Path state;
	Path log;

	@BeforeEach
	void runV1ToThirtyHours() throws IOException, URISyntaxException {
		folder = Files.createDirectories(dir.resolve("workspace"));
		restart = folder.resolve("restart.journey");
		Files.copy(resource("/restart.journey"), restart);
		Files.writeString(folder.resolve("greeter.journey"), GREETER);
		state = dir.resolve("state");
		log = dir.resolve("events.csv");
		Files.writeString(log, TO_30H);
		Result first = run();
		assertEquals(0, first.exit(), first.err() + first.out());
		assertEquals(Map.of("RestartTest/Abandoned", 1L, "Greeter/Greeted", 1L), progress().stageCounts());
		Files.copy(resource("/restart-v2.journey"), restart, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private Path resource(String name) throws URISyntaxException {
		return Path.of(getClass().getResource(name).toURI());
	}

	private Result run(String... more) {
		return new RunsOverState(log, dir.resolve("out"), state).run(folder, more);
	}

	private RunProgress progress() {
		return new RunsOverState(log, dir.resolve("out"), state).progress();
	}

	/** Customer → "from>to@version" of their stage changes in RestartTest, in the order written (version "" when none). */
	private Map<String, List<String>> restartMoves() throws IOException {
		Map<String, List<String>> byCustomer = new TreeMap<>();
		for (String line : Files.readAllLines(dir.resolve("out").resolve(JsonLinesOutput.STAGE_CHANGES))) {
			JsonNode node = JSON.readTree(line);
			if (node.get("journey").asText().equals("RestartTest")) {
				byCustomer.computeIfAbsent(node.get("customer").asText(), c -> new ArrayList<>()).add(node.get("from").asText() + ">"
						+ node.get("to").asText() + "@" + (node.has("version") ? node.get("version").asText() : ""));
			}
		}
		return byCustomer;
	}

	@Test
	void aChangedJourneyIsRefusedWithItsChanges() throws IOException {
		Files.writeString(log, TO_30H + "b,2026-03-02T08:00:00Z,cart_add,p1,,3.5,,\n");
		Result refused = run();
		assertEquals(2, refused.exit(), refused.out() + refused.err());
		assertTrue(refused.err().contains("restart.journey has changed since the run in " + state), refused.err());
		assertTrue(refused.err().contains("Abandoned"), "the rename is listed: " + refused.err());
		assertTrue(refused.err().contains("--migrate") && refused.err().contains("--pin-old"), refused.err());
		assertEquals(Map.of("RestartTest/Abandoned", 1L, "Greeter/Greeted", 1L), progress().stageCounts(), "nothing ran");

		Result migrate = InProcessCli.execute("migrate", "--state", state.toString(), restart.toString());
		assertNotEquals(0, migrate.exit());
		assertTrue(migrate.err().contains("holds a workspace's run") && migrate.err().contains("--migrate"), migrate.err());
	}

	@Test
	void migrateMovesHerToTheNewStageAndHerNextEventMovesHerOn() throws IOException {
		Files.writeString(log, TO_30H + "b,2026-03-02T08:00:00Z,cart_add,p1,,3.5,,\n");
		Result migrated = run("--migrate");
		assertEquals(0, migrated.exit(), migrated.err() + migrated.out());
		assertTrue(migrated.err().contains("Migrated the customers of RestartTest in " + state), migrated.err());
		assertEquals(List.of("null>Carted@", "Carted>Abandoned@", "Waiting>Carted@"), restartMoves().get("b"),
				"migrated to Waiting, her cart then moves her on by v2's transition");
		assertEquals(Map.of("RestartTest/Carted", 1L, "Greeter/Greeted", 1L), progress().stageCounts());
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			WorkspaceState b = (WorkspaceState) SlotCodec.state(store.load("b"));
			assertEquals("Carted", b.part("RestartTest").stage());
			assertEquals(null, PlanVersion.pinnedTo(b.part("RestartTest")), "nobody is pinned after a migration");
		}
	}

	@Test
	void migrateRefusesToStrandHerInAStageThatIsGoneAndWritesNothing() throws IOException, URISyntaxException {
		String v1 = Files.readString(restart);
		Files.writeString(restart, Files.readString(resource("/restart.journey"))
				.replace("after 1 hour -> Abandoned", "after 1 hour -> Lapsed")
				.replace("  stage Abandoned (consideration) {\n    on cart_add -> Carted\n    after 1 day -> Lapsed\n  }\n", "")
				.replace("campaign Rescue in Abandoned", "campaign Rescue in Lapsed"));
		assertNotEquals(v1, Files.readString(restart));
		Files.writeString(log, TO_30H + "b,2026-03-02T08:00:00Z,cart_add,p1,,3.5,,\n");
		Result stranded = run("--migrate");
		assertEquals(2, stranded.exit(), stranded.out() + stranded.err());
		assertTrue(stranded.err().contains("1 in Abandoned (" + restart + "): add `Abandoned -> Stage`"), stranded.err());
		assertEquals(Map.of("RestartTest/Abandoned", 1L, "Greeter/Greeted", 1L), progress().stageCounts(), "nothing written");
	}

	@Test
	void pinOldLetsHerFinishOnTheOldVersionWhileNewCustomersTakeTheNew() throws IOException {
		Files.writeString(log, TO_30H
				+ "n,2026-03-02T07:00:00Z,cart_add,p1,,3.5,,\n"
				+ "q,2026-03-03T02:00:00Z,product_view,p1,shoes,3.5,,\n");
		Result pinned = run("--pin-old");
		assertEquals(0, pinned.exit(), pinned.err() + pinned.out());
		assertTrue(pinned.err().contains("RestartTest: Pinned 1 customers on their way to the old version"), pinned.err());
		String oldVersion;
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			PinnedPlans kept = PinnedPlans.read(store.pinnedPlansJson().orElseThrow());
			assertEquals(1, kept.versions().size());
			oldVersion = kept.versions().get(0).version();
		}
		Map<String, List<String>> moves = restartMoves();
		List<String> b = moves.get("b");
		// b: Abandoned on v1 since T0+21h, Lapsed by v1's 1-day timer at T0+45h (v1's end for her), then out by v2's migrate block
		assertEquals(List.of("null>Carted@", "Carted>Abandoned@", "Abandoned>Lapsed@" + oldVersion), b.subList(0, 3), b.toString());
		String newVersion = b.get(3).substring(b.get(3).indexOf('@') + 1);
		assertEquals("Lapsed>null@" + newVersion, b.get(3));
		assertNotEquals(oldVersion, newVersion);
		// n came after the change: v2 from the start (its Carted times out into Waiting, a stage v1 does not have)
		assertEquals(List.of("null>Carted@" + newVersion, "Carted>Waiting@" + newVersion), moves.get("n"));
		assertEquals(Map.of("RestartTest/Waiting", 1L, "Greeter/Greeted", 2L), progress().stageCounts());

		// a restart without the flag goes on with both versions as the state says
		Files.writeString(log, TO_30H
				+ "n,2026-03-02T07:00:00Z,cart_add,p1,,3.5,,\n"
				+ "q,2026-03-03T02:00:00Z,product_view,p1,shoes,3.5,,\n"
				+ "n,2026-03-03T03:00:00Z,cart_add,p1,,3.5,,\n");
		Result resumed = run();
		assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
		assertEquals(List.of("null>Carted@" + newVersion, "Carted>Waiting@" + newVersion, "Waiting>Carted@" + newVersion),
				restartMoves().get("n"));
	}
}
