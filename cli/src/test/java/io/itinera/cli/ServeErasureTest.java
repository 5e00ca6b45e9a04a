package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.state.RocksDbStateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /v1/customers/{id}} on a real {@code itinera serve} process: once it answers, no file of
 * the server's state (engine store, delivery ledger, input log, output, dead deliveries; raw bytes) holds
 * the id, the customer's next event is dropped and counted, GET and {@code explain} say only that they were
 * erased, and all of it holds after a restart. The other customer is untouched.
 */
class ServeErasureTest {
	private static final String JSON = "application/json";
	private static final String ERASED = "erase-me-4711";
	private static final String KEPT = "keep-me-0815";

	@TempDir
	Path dir;

	@Test
	void anErasedCustomerLeavesNoTraceAndStaysOut() throws Exception {
		Path plan = ServeCommandTest.compile(dir);
		Path state = dir.resolve("state");
		try (ServeProcess server = ServeProcess.start(plan, state, List.of())) {
			for (String customer : List.of(ERASED, KEPT)) {
				HttpResponse<String> posted = server.post("/v1/events", JSON, "[" + ServeCommandTest.event(customer, "signup",
						",\"plan\":\"pro\"") + "," + ServeCommandTest.event(customer, "ping", ",\"n\":1") + "]", null);
				assertEquals(200, posted.statusCode(), posted.body());
			}
			awaitPings(server, ERASED);
			awaitPings(server, KEPT);
			assertTrue(ForgetCommandTest.containsBytes(state.resolve("engine"), ERASED)
					|| ForgetCommandTest.containsBytes(state.resolve("input"), ERASED), "the server kept the customer");

			HttpResponse<String> deleted = delete(server, "/v1/customers/" + ERASED);
			assertEquals(200, deleted.statusCode(), deleted.body());
			assertTrue(deleted.body().startsWith("{\"erased\":true,\"at\":\""), deleted.body());
			assertEquals(List.of(), ForgetCommandTest.filesContaining(state, ERASED), "no file of the server names them");

			HttpResponse<String> gone = server.get("/v1/customers/" + ERASED, null);
			assertEquals(410, gone.statusCode(), gone.body());
			assertTrue(gone.body().startsWith("{\"erased\":true,\"at\":\""), gone.body());

			HttpResponse<String> later = server.post("/v1/events", JSON, "[" + ServeCommandTest.event(ERASED, "ping", ",\"n\":2") + ","
					+ ServeCommandTest.event(KEPT, "ping", ",\"n\":2") + "]", null);
			assertEquals(200, later.statusCode(), later.body());
			String metrics = server.get("/metrics", null).body();
			assertTrue(metrics.contains("itinera_erased_events_dropped 1.0"), metrics);
			assertTrue(metrics.contains("itinera_customers_erased 1.0"), metrics);
			awaitBody(server, KEPT, "\"pings\":2.0");
			assertEquals(List.of(), ForgetCommandTest.filesContaining(state, ERASED), "their next event left nothing either");
			assertEquals(410, server.get("/v1/customers/" + ERASED, null).statusCode());
		}

		InProcessCli.Result explained = InProcessCli.execute("explain", ERASED, "--state", state.resolve("engine").toString());
		assertEquals(0, explained.exit(), explained.err());
		assertTrue(explained.out().startsWith("Customer " + ERASED + " was erased on "), explained.out());
		try (RocksDbStateStore store = new RocksDbStateStore(state.resolve("engine"))) {
			assertEquals(null, store.load(ERASED));
			assertNotNull(store.load(KEPT));
		}

		try (ServeProcess restarted = ServeProcess.start(plan, state, List.of())) {
			assertEquals(410, restarted.get("/v1/customers/" + ERASED, null).statusCode(), "the erasure is durable");
			assertEquals(200, restarted.post("/v1/events", JSON, "[" + ServeCommandTest.event(ERASED, "signup", ",\"plan\":\"pro\"")
					+ "]", null).statusCode());
			assertTrue(restarted.get("/metrics", null).body().contains("itinera_erased_events_dropped 1.0"));
			assertEquals(List.of(), ForgetCommandTest.filesContaining(state, ERASED));
		}
	}

	/**
	 * With {@code --archive-input}, the segment that held the customer's lines was moved to the archive
	 * before the erasure: the {@code DELETE} blanks them there too (same length, the other customers'
	 * lines kept), so a raw scan of the archive finds no byte of the id.
	 */
	@Test
	void anErasureReachesTheArchivedInput() throws Exception {
		Path plan = ServeCommandTest.compile(dir);
		Path state = dir.resolve("state");
		Path archive = dir.resolve("archive");
		List<String> options = List.of("--archive-input", archive.toString(), "--keep-input", "1s", "--input-segment-mb", "1",
				"--checkpoint-ms", "200");
		try (ServeProcess server = ServeProcess.start(plan, state, options)) {
			for (String customer : List.of(ERASED, KEPT)) {
				HttpResponse<String> posted = server.post("/v1/events", JSON, "[" + ServeCommandTest.event(customer, "signup",
						",\"plan\":\"pro\"") + "," + ServeCommandTest.event(customer, "ping", ",\"n\":1") + "]", null);
				assertEquals(200, posted.statusCode(), posted.body());
			}
			String padding = "p".repeat(60_000);
			StringBuilder filler = new StringBuilder("[");
			for (int i = 0; i < 20; i++) { // 1.2 MB: the first segment fills up
				filler.append(i == 0 ? "" : ",").append(ServeCommandTest.event("filler-" + i, "signup", ",\"plan\":\"" + padding + "\""));
			}
			assertEquals(200, server.post("/v1/events", JSON, filler.append("]").toString(), null).statusCode());
			awaitPings(server, ERASED);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!(Files.isDirectory(archive) && ForgetCommandTest.containsBytes(archive, ERASED))
					&& System.nanoTime() < deadline) {
				// the next event starts a new segment; the checkpoint passes the full one; retention archives it
				server.post("/v1/events", JSON, "[" + ServeCommandTest.event(KEPT, "ping", ",\"n\":1") + "]", null);
				Thread.sleep(500);
			}
			List<Path> archived = ForgetCommandTest.filesContaining(archive, ERASED);
			assertEquals(1, archived.size(), "the segment with the customer's lines was archived");
			long length = Files.size(archived.get(0));

			HttpResponse<String> deleted = delete(server, "/v1/customers/" + ERASED);
			assertEquals(200, deleted.statusCode(), deleted.body());
			assertEquals(List.of(), ForgetCommandTest.filesContaining(archive, ERASED), "no archived segment names them");
			assertEquals(List.of(), ForgetCommandTest.filesContaining(state, ERASED), "no file of the server names them");
			assertEquals(length, Files.size(archived.get(0)), "offsets are kept");
			assertTrue(ForgetCommandTest.filesContaining(archive, KEPT).contains(archived.get(0)), "the other customers' lines are kept");
			try (Stream<Path> files = Files.list(archive)) {
				assertTrue(files.noneMatch(file -> file.getFileName().toString().endsWith(".erasing")), "no copy left behind");
			}
		}
	}

	private static void awaitPings(ServeProcess server, String customer) throws Exception {
		awaitBody(server, customer, "\"pings\":1.0");
	}

	private static void awaitBody(ServeProcess server, String customer, String part) throws Exception {
		String body = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!body.contains(part) && System.nanoTime() < deadline) {
			Thread.sleep(100);
			body = server.get("/v1/customers/" + customer, null).body();
		}
		assertTrue(body.contains(part), body);
	}

	private static HttpResponse<String> delete(ServeProcess server, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
				.timeout(Duration.ofSeconds(90)).DELETE().build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}
}
