package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stuck customer of issue 22 on real {@code itinera serve} processes: {@code ana} is in Carted,
 * and the journey's Carted is renamed Basket between two starts. The start is refused with the
 * change and its line; {@code --migrate} moves her to Basket; {@code --pin-old} lets her finish on
 * the old version while a new customer enters the new one. Then the same change as a live reload.
 */
class ServeJourneyChangesTest {
	private static final String JSON = "application/json";
	private static final List<String> OPTIONS = List.of("--without-models", "--checkpoint-ms", "100");

	@TempDir
	Path dir;

	private Path journey;

	private void writeJourney(boolean renamed) throws IOException {
		Path models = journey.resolveSibling("models");
		if (!Files.exists(models)) {
			Files.createSymbolicLink(models, LogOrderEquivalenceTest.JOURNEY.toAbsolutePath().resolveSibling("models"));
		}
		String text = Files.readString(LogOrderEquivalenceTest.JOURNEY);
		Files.writeString(journey, renamed ? text.replace("Carted", "Basket") : text);
	}

	private ServeProcess serve(Path state, String... more) throws IOException, InterruptedException {
		List<String> options = new java.util.ArrayList<>(OPTIONS);
		options.addAll(List.of(more));
		return ServeProcess.start(journey, state, options);
	}

	static String event(String customer, String type, String fields) {
		return "[{\"customer\":\"" + customer + "\",\"time\":\"" + Instant.now() + "\",\"type\":\"" + type + "\"" + fields + "}]";
	}

	static void post(ServeProcess server, String body) throws IOException, InterruptedException {
		HttpResponse<String> answer = server.post("/v1/events", JSON, body, null);
		assertEquals(200, answer.statusCode(), answer.body());
	}

	/** The customer's view once {@code until} holds (within 30 s). */
	static String customerWhen(ServeProcess server, String customer, Predicate<String> until) throws Exception {
		String view = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			view = server.get("/v1/customers/" + customer, null).body();
			if (until.test(view)) {
				return view;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("customer " + customer + " did not get there: " + view);
	}

	/** ana in Carted on the first version, the server stopped: the state the renamed version meets. */
	private Path anaInCarted() throws Exception {
		journey = dir.resolve("cart.journey");
		writeJourney(false);
		Path state = dir.resolve("state");
		try (ServeProcess first = serve(state)) {
			post(first, event("ana", "cart_add", ",\"productId\":\"p-1\",\"price\":150"));
			customerWhen(first, "ana", view -> view.contains("\"stage\":\"Carted\""));
		}
		writeJourney(true);
		return state;
	}

	@Test
	void aRenamedStageIsRefusedThenMigratedOrPinned() throws Exception {
		Path state = anaInCarted();
		Path pinState = dir.resolve("pin-state");
		copy(state, pinState);

		IllegalStateException refused = assertThrows(IllegalStateException.class, () -> serve(state).close());
		String message = refused.getMessage();
		assertTrue(message.contains("has changed since the run in " + state + " started"), message);
		assertTrue(message.contains("Carted"), message);
		assertTrue(message.matches("(?s).*cart\\.journey:\\d+.*"), "the change's line: " + message);
		assertTrue(message.contains("--migrate") && message.contains("--pin-old"), message);

		try (ServeProcess migrated = serve(state, "--migrate")) {
			String ana = customerWhen(migrated, "ana", view -> view.contains("\"stage\""));
			assertTrue(ana.contains("\"stage\":\"Basket\""), ana);
			post(migrated, event("ana", "purchase", ",\"orderId\":\"o-1\",\"amount\":150"));
			customerWhen(migrated, "ana", view -> view.contains("\"stage\":\"Converted\""));
		}

		try (ServeProcess pinned = serve(pinState, "--pin-old")) {
			String ana = customerWhen(pinned, "ana", view -> view.contains("\"stage\""));
			assertTrue(ana.contains("\"stage\":\"Carted\"") && ana.contains("\"pinned\""), ana);
			String oldVersion = ana.replaceAll("(?s).*\"version\":\"([0-9a-f]+)\".*", "$1");
			post(pinned, event("bob", "cart_add", ",\"productId\":\"p-2\",\"price\":20"));
			String bob = customerWhen(pinned, "bob", view -> view.contains("\"stage\":\"Basket\""));
			String newVersion = bob.replaceAll("(?s).*\"version\":\"([0-9a-f]+)\".*", "$1");
			assertFalse(oldVersion.equals(newVersion), ana + "\n" + bob);
			assertFalse(bob.contains("\"pinned\""), bob);
			post(pinned, event("ana", "purchase", ",\"orderId\":\"o-1\",\"amount\":150"));
			customerWhen(pinned, "ana", view -> view.contains("\"stage\":\"Converted\"") && !view.contains("\"pinned\""));
		}
		List<String> changes = Files.readAllLines(pinState.resolve("out/stage-changes.jsonl"));
		assertTrue(changes.stream().anyMatch(line -> line.contains("\"customer\":\"ana\"") && line.contains("\"to\":\"Converted\"")),
				String.join("\n", changes));
	}

	@Test
	void aCommentOnlyEditStarts() throws Exception {
		journey = dir.resolve("cart.journey");
		writeJourney(false);
		Path state = dir.resolve("state");
		try (ServeProcess first = serve(state)) {
			post(first, event("ana", "cart_add", ",\"productId\":\"p-1\",\"price\":150"));
			customerWhen(first, "ana", view -> view.contains("\"stage\":\"Carted\""));
		}
		Files.writeString(journey, "// a note for the team\n\n" + Files.readString(journey).replace("/** Bought:", "/** Paid:"));
		try (ServeProcess again = serve(state)) {
			String ana = customerWhen(again, "ana", view -> view.contains("\"stage\""));
			assertTrue(ana.contains("\"stage\":\"Carted\""), ana);
		}
	}

	@Test
	void aLiveReloadAnswersTheDryRunThenMigratesAndABrokenJourneyIsRefused() throws Exception {
		journey = dir.resolve("cart.journey");
		writeJourney(false);
		try (ServeProcess server = serve(dir.resolve("state"))) {
			post(server, event("ana", "cart_add", ",\"productId\":\"p-1\",\"price\":150"));
			customerWhen(server, "ana", view -> view.contains("\"stage\":\"Carted\""));
			writeJourney(true);

			HttpResponse<String> dryRun = server.post("/v1/admin/journeys/reload", JSON, "", null);
			assertEquals(200, dryRun.statusCode(), dryRun.body());
			assertTrue(dryRun.body().contains("\"changed\":true") && dryRun.body().contains("\"applied\":false"), dryRun.body());
			assertTrue(dryRun.body().contains("\"stages\":{\"Carted\":{\"Basket\":1}}"), dryRun.body());
			assertTrue(dryRun.body().contains("\"moved\":1"), "her timer moves: " + dryRun.body());
			assertTrue(customerWhen(server, "ana", view -> true).contains("\"stage\":\"Carted\""), "a dry run changes nothing");

			String healthy = Files.readString(journey);
			Files.writeString(journey, healthy.replace("on purchase -> Converted\n    after 1 hour", "on purchase -> Nowhere\n    after 1 hour"));
			HttpResponse<String> broken = server.post("/v1/admin/journeys/reload?mode=migrate", JSON, "", null);
			assertEquals(422, broken.statusCode(), broken.body());
			assertTrue(broken.body().contains("Nowhere") && broken.body().contains("cart.journey:"), broken.body());
			post(server, event("cy", "cart_add", ",\"productId\":\"p-3\",\"price\":5"));
			customerWhen(server, "cy", view -> view.contains("\"stage\":\"Carted\""));

			Files.writeString(journey, healthy);
			HttpResponse<String> bad = server.post("/v1/admin/journeys/reload?mode=sideways", JSON, "", null);
			assertEquals(400, bad.statusCode(), bad.body());
			HttpResponse<String> applied = server.post("/v1/admin/journeys/reload?mode=migrate", JSON, "", null);
			assertEquals(200, applied.statusCode(), applied.body());
			assertTrue(applied.body().contains("\"applied\":true"), applied.body());
			String ana = customerWhen(server, "ana", view -> view.contains("\"stage\":\"Basket\""));
			post(server, event("ana", "purchase", ",\"orderId\":\"o-1\",\"amount\":150"));
			customerWhen(server, "ana", view -> view.contains("\"stage\":\"Converted\""));
			assertTrue(ana.contains("\"version\""), ana);
			assertTrue(server.isAlive());
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				} else {
					Files.copy(path, target);
				}
			}
		}
	}
}
