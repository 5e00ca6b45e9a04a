package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad requests against a real {@code itinera serve} process: the right status and reason each, and the server stays up. */
class ServeCommandTest {
	private static final String TOKEN = "s3cret";
	private static final String JSON = "application/json";

	@TempDir
	static Path dir;
	static Path plan;
	static ServeProcess server;

	@BeforeAll
	static void start() throws Exception {
		plan = compile(dir);
		server = ServeProcess.start(plan, dir.resolve("state"), List.of("--token", TOKEN, "--max-body", "20000", "--max-batch", "50"));
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	static Path compile(Path dir) throws URISyntaxException {
		Path journey = Path.of(ServeCommandTest.class.getResource("/live.journey").toURI());
		Path plan = dir.resolve("live-plan.json");
		assertEquals(0, ItineraCommand.commandLine().execute("compile", journey.toString(), "-o", plan.toString()));
		return plan;
	}

	static String event(String customer, String type, String fields) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + Instant.now() + "\",\"type\":\"" + type + "\"" + fields + "}";
	}

	@Test
	void goodEventsAreAcceptedAndTheCustomerCanBeRead() throws Exception {
		HttpResponse<String> answer = server.post("/v1/events", JSON,
				"[" + event("ana", "signup", ",\"plan\":\"pro\"") + "," + event("ana", "ping", ",\"n\":1") + "]", TOKEN);
		assertEquals(200, answer.statusCode(), answer.body());
		assertEquals("{\"accepted\":2,\"rejected\":0}", answer.body());
		HttpResponse<String> lines = server.post("/v1/events", "application/x-ndjson",
				event("bob", "signup", ",\"plan\":\"free\"") + "\n\n" + event("bob", "ping", ",\"n\":2") + "\n", TOKEN);
		assertEquals(200, lines.statusCode(), lines.body());
		assertTrue(lines.body().contains("\"accepted\":2"), lines.body());

		String customer = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!customer.contains("\"pings\":1.0") && System.nanoTime() < deadline) {
			Thread.sleep(100);
			customer = server.get("/v1/customers/ana", TOKEN).body();
		}
		assertTrue(customer.contains("\"stage\":\"Active\""), customer);
		assertTrue(customer.contains("\"pings\":1.0"), customer);
		assertTrue(customer.contains("\"recentActions\":[{"), customer);
		assertEquals(404, server.get("/v1/customers/nobody", TOKEN).statusCode());
		String metrics = server.get("/metrics", TOKEN).body();
		assertTrue(metrics.contains("itinera_events_in_total{result=\"accepted\"}"), metrics);
		assertTrue(metrics.contains("itinera_step_seconds"), metrics);
	}

	@Test
	void aCustomerIsReadableAsSoonAsTheirEventsAreAcknowledgedAndExplained() throws Exception {
		HttpResponse<String> answer = server.post("/v1/events", JSON,
				"[" + event("dan", "signup", ",\"plan\":\"pro\"") + "," + event("dan", "ping", ",\"n\":1") + "]", TOKEN);
		assertEquals(200, answer.statusCode(), answer.body());
		HttpResponse<String> customer = server.get("/v1/customers/dan", TOKEN); // at once: checkpoints are 10 s apart here
		assertEquals(200, customer.statusCode(), customer.body());
		assertTrue(customer.body().contains("\"view\":\"current") && customer.body().contains("\"stage\":\"Active\"")
				&& customer.body().contains("\"pings\":1.0") && customer.body().contains("\"version\":\""), customer.body());

		HttpResponse<String> explained = server.get("/v1/customers/dan/explain", TOKEN);
		assertEquals(200, explained.statusCode(), explained.body());
		assertTrue(explained.body().contains("\"timeline\":[{") && explained.body().contains("pong"), explained.body());
		assertEquals(404, server.get("/v1/customers/nobody/explain", TOKEN).statusCode());
		assertEquals(401, server.get("/v1/customers/dan/explain", null).statusCode());
	}

	@Test
	void badRequestsGetTheirStatusAndReasonAndTheServerStaysUp() throws Exception {
		expect(401, "missing token", server.post("/v1/events", JSON, "[]", null));
		expect(401, "wrong token", server.post("/v1/events", JSON, "[]", "guess"));
		expect(400, "broken JSON at line 1", server.post("/v1/events", JSON, "[{\"customer\": \"x\",", TOKEN));
		expect(400, "no events in the body", server.post("/v1/events", JSON, "[]", TOKEN));
		expect(400, "'abc' is not a decimal", server.post("/v1/events", JSON, "[" + event("x", "ping", ",\"n\":\"abc\"") + "]", TOKEN));
		expect(400, "unknown event type 'refund'", server.post("/v1/events", JSON, "[" + event("x", "refund", "") + "]", TOKEN));
		expect(400, "not valid JSON", server.post("/v1/events", "application/x-ndjson", "{\"customer\":", TOKEN));
		expect(415, "application/x-ndjson", server.post("/v1/events", "text/csv", "customer,time\n", TOKEN));
		expect(415, "Content-Type", server.post("/v1/events", null, "[]", TOKEN));
		expect(413, "larger than 20000 bytes", server.post("/v1/events", JSON, "[" + "{}, ".repeat(6000) + "{}]", TOKEN));
		expect(413, "too many events in one request: 51", server.post("/v1/events", JSON,
				"[" + String.join(",", java.util.Collections.nCopies(51, event("y", "ping", ",\"n\":1"))) + "]", TOKEN));
		expect(404, "no such path", server.get("/v2/things", TOKEN));
		expect(405, "GET is not allowed on /v1/events; the API has POST /v1/events", server.get("/v1/events", TOKEN));

		HttpResponse<String> mixed = server.post("/v1/events", JSON,
				"[" + event("cy", "signup", ",\"plan\":\"pro\"") + ",42," + event("cy", "ping", ",\"n\":true") + "]", TOKEN);
		assertEquals(200, mixed.statusCode(), mixed.body());
		assertTrue(mixed.body().contains("\"accepted\":1,\"rejected\":2"), mixed.body());
		assertTrue(mixed.body().contains("{\"line\":2,\"reason\":\"not a JSON object\"}"), mixed.body());

		HttpResponse<String> health = server.get("/health", null);
		assertEquals(200, health.statusCode());
		assertTrue(health.body().contains("\"status\":\"up\""), health.body());
		assertTrue(server.isAlive());
	}

	private static void expect(int status, String reason, HttpResponse<String> answer) {
		assertEquals(status, answer.statusCode(), answer.body());
		assertTrue(answer.body().contains(reason), answer.body());
		assertTrue(answer.body().startsWith("{"), "not a JSON answer: " + answer.body());
		assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), "a stack trace: " + answer.body());
	}

	@Test
	void bindingBeyondLoopbackNeedsAToken() {
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setErr(new PrintWriter(err));
		int exit = command.execute("serve", plan.toString(), "--state", dir.resolve("open").toString(), "--host", "0.0.0.0");
		assertEquals(2, exit, err.toString());
		assertTrue(err.toString().contains("give a token with --token or ITINERA_TOKEN"), err.toString());
	}
}
