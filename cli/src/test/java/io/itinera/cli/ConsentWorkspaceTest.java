package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.serve.DiskRetention;
import io.itinera.serve.LiveJourney;
import io.itinera.serve.LiveServer;
import io.itinera.serve.intake.InputLog;
import io.itinera.serve.delivery.DeliveryLedger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's "done when" for consent: a customer in two promotional journeys and a transactional one
 * clicks the one-click link of a promotion through serve's real HTTP endpoint; from then on no
 * promotion of either journey is delivered, a queued one is cancelled in the ledger, receipts still go
 * out, every withheld send is in suppressions.jsonl with its reason, and {@code run} over the same
 * input log decides the same. Serve hosts the workspace through {@link LiveServer} with the
 * workspace's step, as {@code serve DIR} will.
 */
class ConsentWorkspaceTest {
	static final ObjectMapper JSON = new ObjectMapper();
	static final String WORKSPACE = """
			topic promotions email opt-out
			topic receipts email transactional

			test "an unsubscribed customer gets no promotion but their receipt" {
			  given customer
			  on visit
			  expect send email "promo_b" from PromoB
			  on unsubscribe with topic = "promotions"
			  on visit
			  expect no send email "promo_a" because not subscribed from PromoA
			  expect no send email "promo_b" because not subscribed from PromoB
			  on order with amount = 5
			  expect send email "receipt" from Receipts
			}
			""";

	@TempDir
	Path dir;

	private static String promotion(String name, String template) {
		return """
				journey %s {
				  entry on visit -> Browsing
				  event visit { }
				  stage Browsing { }
				  campaign Offers in Browsing {
				    topic promotions
				    rule "Offer" otherwise then send email "%s"
				  }
				}
				""".formatted(name, template);
	}

	static final String RECEIPTS = """
			journey Receipts {
			  entry on order -> Ordered
			  event order { amount: decimal }
			  stage Ordered { }
			  campaign Receipt in Ordered {
			    rule "Receipt" otherwise then send email "receipt" topic receipts
			  }
			}
			""";

	/** A provider that takes every message but promo_a's, which it answers 503 (so that one stays queued). */
	static final class Provider implements AutoCloseable {
		final HttpServer server;
		final Map<String, JsonNode> accepted = new ConcurrentHashMap<>();
		final Set<String> refused = ConcurrentHashMap.newKeySet();

		Provider() throws Exception {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			server.createContext("/", exchange -> {
				try (exchange) {
					JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
					String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
					int status = 200;
					if ("promo_a".equals(body.path("template").asText())) {
						refused.add(key);
						status = 503;
					} else {
						accepted.putIfAbsent(key, body);
					}
					exchange.sendResponseHeaders(status, -1);
				}
			});
			server.start();
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
		}

		List<JsonNode> templates(String template) {
			return accepted.values().stream().filter(b -> template.equals(b.path("template").asText())).toList();
		}

		@Override
		public void close() {
			server.stop(0);
		}
	}

	@Test
	void aOneClickUnsubscribeStopsEveryPromotionButNotReceiptsAndRunReplaysTheSame() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("shop"));
		Files.writeString(folder.resolve("itinera.workspace"), WORKSPACE);
		Files.writeString(folder.resolve("promo-a.journey"), promotion("PromoA", "promo_a"));
		Files.writeString(folder.resolve("promo-b.journey"), promotion("PromoB", "promo_b"));
		Files.writeString(folder.resolve("receipts.journey"), RECEIPTS);
		assertTrue(InProcessCli.succeeding("test", folder.toString()).contains("1 passed"), "the workspace's own test");

		Path state = dir.resolve("state");
		StringWriter errors = new StringWriter();
		try (Provider provider = new Provider()) {
			Path deliveryFile = Files.writeString(dir.resolve("deliver.yaml"), """
					channels:
					  email:
					    url: %s
					    backoffMs: 60000
					    maxBackoffMs: 60000
					    maxAttempts: 50
					    body:
					      to: "${customer}"
					      template: "${target}"
					      unsubscribe: "${unsubscribeUrl}"
					      headers: { List-Unsubscribe: "${listUnsubscribe}", List-Unsubscribe-Post: "${listUnsubscribePost}" }
					unsubscribe:
					  baseUrl: https://shop.example
					  secret: "a secret of more than thirty-two bytes, for tests"
					""".formatted(provider.url()));
			DriverSettings driver = DriverSettings.replay().withLateness(0);
			LiveServer.Settings settings = new LiveServer.Settings(state, "127.0.0.1", 0, null, deliveryFile, 1, 200, 5,
					1 << 20, 1000, driver, DiskRetention.Settings.DEFAULTS);
			// serve DIR: the workspace folder live, as itinera serve runs it
			LiveWorkspaceFolder live = new LiveWorkspaceFolder(folder, state, false, false, DeliverySettings.DEFAULT,
					ColumnMapping.defaults(), TimeWindow.DEFAULT_MAX_SKEW.toMillis(), driver);
			LiveJourney.Compiled compiled = live.compile(new PrintWriter(errors, true));
			assertNotNull(compiled, errors.toString());
			LiveServer server = LiveServer.start(live, compiled, LiveJourney.Change.REFUSE, settings);
			String api = "http://127.0.0.1:" + server.port();
			try {
				post(api, "visit", "");
				post(api, "order", ",\"amount\":12.5");
				waitFor(() -> provider.templates("promo_b").size() == 1 && provider.templates("receipt").size() == 1
						&& !provider.refused.isEmpty(), "promo_b and the receipt delivered, promo_a queued");
				JsonNode promotion = provider.templates("promo_b").get(0);
				assertEquals("List-Unsubscribe=One-Click", promotion.path("headers").path("List-Unsubscribe-Post").asText());
				assertEquals("", provider.templates("receipt").get(0).path("unsubscribe").asText(), "no link on a receipt");
				String link = promotion.path("unsubscribe").asText();
				String path = link.substring(link.indexOf("/u/"));
				assertEquals("<" + link + ">", promotion.path("headers").path("List-Unsubscribe").asText());

				HttpResponse<String> click = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
				assertEquals(200, click.statusCode(), click.body());

				post(api, "visit", "");
				post(api, "order", ",\"amount\":20");
				waitFor(() -> provider.templates("receipt").size() == 2, "the second receipt delivered");
				waitFor(() -> notSubscribed(state.resolve(LiveServer.OUTPUT)).size() >= 2,
						"the promotions withheld on the next visit, in both journeys (the click itself runs no campaign)");
			} finally {
				server.close();
			}
			assertEquals(1, provider.templates("promo_b").size(), "no promotion after the click");
			assertEquals(0, provider.templates("promo_a").size());

			String queued = provider.refused.iterator().next();
			try (DeliveryLedger ledger = new DeliveryLedger(state.resolve("delivery"))) {
				DeliveryLedger.Entry entry = ledger.get(queued);
				assertEquals(DeliveryLedger.Status.CANCELLED, entry.status());
				assertTrue(entry.error().contains("unsubscribed by one-click link") && entry.error().contains("promotions"), entry.error());
			}
			List<JsonNode> withheld = notSubscribed(state.resolve(LiveServer.OUTPUT));
			Set<String> journeys = new TreeSet<>();
			for (JsonNode notice : withheld) {
				assertEquals("promotions", notice.get("topic").asText());
				assertEquals("one-click link", notice.get("consentWithdrawnHow").asText());
				assertNotNull(notice.get("consentWithdrawnAt"));
				journeys.add(notice.get("journey").asText());
			}
			assertEquals(Set.of("PromoA", "PromoB"), journeys);

			Path replay = dir.resolve("replay");
			Path input = dir.resolve("input.jsonl"); // the server's input log, its segments in order
			for (Path segment : InputLog.files(state)) {
				Files.write(input, Files.readAllBytes(segment), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			}
			InProcessCli.succeeding("run", folder.toString(), "--events", input.toString(), "--out",
					replay.toString(), "--no-progress");
			assertEquals(ids(state.resolve(LiveServer.OUTPUT).resolve(JsonLinesOutput.ACTIONS), "id"),
					ids(replay.resolve(JsonLinesOutput.ACTIONS), "id"), "run sends what serve sent");
			assertEquals(ids(state.resolve(LiveServer.OUTPUT).resolve(JsonLinesOutput.SUPPRESSIONS), "action"),
					ids(replay.resolve(JsonLinesOutput.SUPPRESSIONS), "action"), "run withholds what serve withheld");
			assertEquals(withheld.size(), notSubscribed(replay).size());
		}
	}

	@Test
	void checkOfTheFolderNamesATopicTheWorkspaceDoesNotDeclare() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("shop"));
		Files.writeString(folder.resolve("itinera.workspace"), "topic promotions email opt-out\n");
		Files.writeString(folder.resolve("promo-a.journey"), promotion("PromoA", "promo_a"));
		Files.writeString(folder.resolve("receipts.journey"), RECEIPTS);
		InProcessCli.Result result = InProcessCli.execute("check", folder.toString());
		String said = result.out() + result.err();
		assertTrue(result.exit() != 0, said);
		assertTrue(said.contains("receipts.journey:6") && said.contains("Topic receipts is not declared"), said);

		Files.writeString(folder.resolve("itinera.workspace"), "topic promotions email opt-out\ntopic receipts email transactional\n");
		InProcessCli.succeeding("check", folder.toString());
	}

	@Test
	void simulateCountsTheSendsWithheldByConsentPerTopic() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("shop"));
		Files.writeString(folder.resolve("itinera.workspace"), WORKSPACE);
		Files.writeString(folder.resolve("promo-a.journey"), promotion("PromoA", "promo_a"));
		Files.writeString(folder.resolve("receipts.journey"), RECEIPTS);
		Path log = Files.write(dir.resolve("events.jsonl"), List.of(
				"{\"customer\":\"c-1\",\"type\":\"visit\",\"time\":\"2026-03-02T10:00:00Z\"}",
				"{\"customer\":\"c-1\",\"type\":\"unsubscribe\",\"topic\":\"promotions\",\"time\":\"2026-03-02T11:00:00Z\"}",
				"{\"customer\":\"c-1\",\"type\":\"visit\",\"time\":\"2026-03-02T12:00:00Z\"}",
				"{\"customer\":\"c-1\",\"type\":\"order\",\"amount\":3,\"time\":\"2026-03-02T13:00:00Z\"}",
				"{\"customer\":\"c-2\",\"type\":\"visit\",\"time\":\"2026-03-02T10:00:00Z\"}"));
		Path out = dir.resolve("sim");
		InProcessCli.succeeding("simulate", folder.toString(), "--events", log.toString(), "--out", out.toString());
		JsonNode report = JSON.readTree(out.resolve("PromoA").resolve("report.json").toFile());
		JsonNode email = null;
		for (JsonNode channel : report.get("channels")) {
			if ("email".equals(channel.get("channel").asText())) {
				email = channel;
			}
		}
		assertNotNull(email, report.get("channels").toString());
		assertEquals(2, email.get("sent").asLong(), "c-1's first visit and c-2's");
		assertEquals(1, email.get("notSentByReason").get("not subscribed (promotions)").asLong(),
				"on the next visit (a consent event runs no campaign rules)");
		assertTrue(Files.readString(out.resolve("PromoA").resolve("report.html")).contains("not subscribed (promotions)"));

		String timeline = InProcessCli.succeeding("explain", "c-1", "--out", out.toString());
		assertTrue(timeline.contains("not subscribed to promotions: unsubscribe event at 2026-03-02"), timeline);
	}

	private static void post(String api, String type, String fields) throws Exception {
		String line = "{\"customer\":\"c-1\",\"type\":\"" + type + "\",\"time\":\"" + Instant.now() + "\"" + fields + "}";
		HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/v1/events"))
				.header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(line)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(200, answer.statusCode(), answer.body());
		Thread.sleep(5); // the next event is later than this one
	}

	private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("waited a minute for: " + what);
			}
			Thread.sleep(20);
		}
	}

	static List<JsonNode> notSubscribed(Path out) {
		List<JsonNode> notices = new ArrayList<>();
		try {
			Path file = out.resolve(JsonLinesOutput.SUPPRESSIONS);
			if (!Files.exists(file)) {
				return notices;
			}
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				JsonNode notice = JSON.readTree(line);
				if ("NOT_SUBSCRIBED".equals(notice.path("outcome").asText())) {
					notices.add(notice);
				}
			}
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return notices;
	}

	private static Set<String> ids(Path file, String field) throws Exception {
		Set<String> ids = new TreeSet<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			ids.add(JSON.readTree(line).get(field).asText());
		}
		return ids;
	}
}
