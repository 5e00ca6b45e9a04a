package io.itinera.serve.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.ConsentPolicy;
import io.itinera.serve.delivery.DeliveryConfig;
import io.itinera.serve.delivery.DeliveryLedger;
import io.itinera.serve.delivery.DeliveryService;
import io.itinera.serve.http.HttpApi;
import io.itinera.serve.intake.EventIntake;
import io.itinera.serve.intake.InputLog;
import io.itinera.serve.intake.RejectedLines;
import io.itinera.serve.metrics.ServeMetrics;
import io.itinera.serve.testing.StubProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-click endpoint through real HTTP: a click is an unsubscribe event in the input log (synced
 * before the answer), once; queued deliveries of the topic are cancelled with a ledger entry; forged,
 * altered and expired links change nothing; 10,000 clicks from several threads are each recorded once.
 */
class UnsubscribeEndpointTest {
	static final ObjectMapper JSON = new ObjectMapper();
	static final SourceLocation AT = new SourceLocation("test", 1, 1);

	@TempDir
	Path dir;

	private final List<AutoCloseable> open = new ArrayList<>();
	private UnsubscribeLinks links;
	private DeliveryService delivery;
	private DeliveryLedger ledger;
	private String base;
	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private void start(DeliveryConfig config) throws Exception {
		InputLog log = keep(new InputLog(dir, 64 << 20));
		EventSchema schema = new EventSchema(ConsentPolicy.consentEvents(AT));
		EventIntake intake = new EventIntake(log, () -> new JsonLinesEventParser(ColumnMapping.defaults(), schema,
				TimeWindow.startingNow()), keep(new RejectedLines(dir.resolve("rejected.jsonl"))), 1000);
		ledger = keep(new DeliveryLedger(dir.resolve("delivery")));
		links = new UnsubscribeLinks("http://127.0.0.1", new UnsubscribeTokens(UnsubscribeTokensTest.SECRET), 90, ActionTopics.NONE);
		delivery = keep(new DeliveryService(config, ledger, dir.resolve("dead.jsonl"), new ServeMetrics(), links));
		HttpApi api = keep(new HttpApi(new HttpApi.Settings("127.0.0.1", 0, "api-token", 1 << 20), intake, id -> null,
				new ServeMetrics(), Map::of).with(app -> new UnsubscribeEndpoint(links, intake, delivery, Clock.systemUTC())
						.register(app)).start());
		base = "http://127.0.0.1:" + api.port();
	}

	private <T extends AutoCloseable> T keep(T resource) {
		open.add(0, resource);
		return resource;
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : open) {
			resource.close();
		}
	}

	private String path(String customer) {
		ActionRecord send = new ActionRecord("a-" + customer, customer, System.currentTimeMillis(), "Offers", "Offer", "send", "email",
				"offer", Map.of(), Map.of());
		String url = links.url(send);
		return url.substring(url.indexOf(UnsubscribeLinks.PATH));
	}

	private HttpResponse<String> post(String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(UnsubscribeLinks.ONE_CLICK)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private List<JsonNode> logged() throws Exception {
		List<JsonNode> lines = new ArrayList<>();
		for (Path segment : InputLog.files(dir)) {
			for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
				lines.add(JSON.readTree(line));
			}
		}
		return lines;
	}

	@Test
	void aClickIsAnUnsubscribeEventInTheInputLogAndThePageAsksFirst() throws Exception {
		start(DeliveryConfig.webhooksOnly());
		HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + path("c-1"))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(200, page.statusCode());
		assertTrue(page.body().contains("<form method=\"post\">"), page.body());
		assertEquals(List.of(), logged(), "looking at the page changes nothing");

		HttpResponse<String> click = post(path("c-1"));
		assertEquals(200, click.statusCode(), click.body());
		List<JsonNode> lines = logged();
		assertEquals(1, lines.size());
		assertEquals("unsubscribe", lines.get(0).get("type").asText());
		assertEquals("c-1", lines.get(0).get("customer").asText());
		assertEquals("email", lines.get(0).get("channel").asText());
		assertEquals(UnsubscribeEndpoint.SOURCE, lines.get(0).get("source").asText());
	}

	@Test
	void forgedAlteredAndExpiredLinksAreRefusedAndChangeNothing() throws Exception {
		start(DeliveryConfig.webhooksOnly());
		UnsubscribeTokens other = new UnsubscribeTokens("another secret, 32 bytes long at least!".getBytes(StandardCharsets.UTF_8));
		String forged = UnsubscribeLinks.PATH + other.sign(new UnsubscribeTokens.Claim("c-1", "", "email", "unsubscribe", 4_000_000_000L));
		String good = path("c-1");
		String altered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
		String expired = UnsubscribeLinks.PATH + links.tokens().sign(new UnsubscribeTokens.Claim("c-1", "", "email", "unsubscribe", 1));
		for (String path : List.of(forged, altered, expired, UnsubscribeLinks.PATH + "nonsense")) {
			HttpResponse<String> answer = post(path);
			assertEquals(400, answer.statusCode(), path + ": " + answer.body());
		}
		assertTrue(post(expired).body().contains("expired"));
		assertEquals(List.of(), logged());
	}

	@Test
	void aClickCancelsTheCustomersQueuedDeliveriesOfTheChannelWithALedgerEntry() throws Exception {
		try (StubProvider provider = new StubProvider(new StubProvider.Misbehaviour(1, 0, 0, 0, "0"))) {
			DeliveryConfig config = DeliveryConfig.load(Files.writeString(dir.resolve("deliver.json"), """
					{"channels": {"email": {"url": "%s", "maxAttempts": 50, "backoffMs": 60000, "maxBackoffMs": 60000}}}
					""".formatted(provider.url("/send"))));
			start(config);
			ActionRecord queued = new ActionRecord("q-1", "c-1", System.currentTimeMillis(), "Offers", "Offer", "send", "email", "offer",
					Map.of(), Map.of());
			ActionRecord otherCustomer = new ActionRecord("q-2", "c-2", System.currentTimeMillis(), "Offers", "Offer", "send", "email",
					"offer", Map.of(), Map.of());
			delivery.submit(List.of(queued, otherCustomer));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (provider.requests() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertEquals(DeliveryLedger.Status.PENDING, delivery.status("q-1"), "the provider fails: it waits for a retry");

			assertEquals(200, post(path("c-1")).statusCode());
			DeliveryLedger.Entry entry = ledger.get("q-1");
			assertEquals(DeliveryLedger.Status.CANCELLED, entry.status());
			assertTrue(entry.error().startsWith("unsubscribed by one-click link at "), entry.error());
			assertEquals(DeliveryLedger.Status.PENDING, delivery.status("q-2"), "another customer's delivery stays");

			ActionRecord decidedBeforeTheEngineReadTheClick = new ActionRecord("q-3", "c-1", queued.at(), "Offers",
					"Offer", "send", "email", "offer2", Map.of(), Map.of());
			ActionRecord decidedAfterASubscribe = new ActionRecord("q-4", "c-1", System.currentTimeMillis() + 60_000, "Offers",
					"Offer", "send", "email", "offer3", Map.of(), Map.of());
			delivery.submit(List.of(decidedBeforeTheEngineReadTheClick, decidedAfterASubscribe));
			assertEquals(DeliveryLedger.Status.CANCELLED, delivery.status("q-3"));
			assertEquals(DeliveryLedger.Status.PENDING, delivery.status("q-4"), "decided after the click: the engine knew better");
		}
	}

	@Test
	void aBurstOfTenThousandClicksFromEightThreadsIsRecordedOnceEach() throws Exception {
		start(DeliveryConfig.webhooksOnly());
		int clicks = 10_000;
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < clicks; i++) {
			paths.add(path("c-" + i));
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (String path : paths) {
				answers.add(threads.submit(() -> post(path).statusCode()));
			}
			for (Future<Integer> answer : answers) {
				assertEquals(200, answer.get());
			}
		} finally {
			threads.shutdown();
		}
		List<JsonNode> lines = logged();
		assertEquals(clicks, lines.size(), "one line a click");
		Set<String> customers = new HashSet<>();
		for (JsonNode line : lines) {
			assertEquals("unsubscribe", line.get("type").asText());
			customers.add(line.get("customer").asText());
		}
		assertEquals(clicks, customers.size(), "every customer's click once");
	}
}
