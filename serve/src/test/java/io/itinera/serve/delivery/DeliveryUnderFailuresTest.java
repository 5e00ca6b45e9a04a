package io.itinera.serve.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.serve.metrics.ServeMetrics;
import io.itinera.serve.testing.StubProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that fails a third of its requests, throttles some with 429 + Retry-After and lets
 * others hang past the timeout: every action still arrives, each key accepted once and never
 * sent again after it was accepted; a restart of the delivery (new service, same ledger) sends
 * nothing twice.
 */
class DeliveryUnderFailuresTest {
	@TempDir
	Path dir;

	// The client's timeout is well above a normal answer's time even on a loaded machine: an answer of
	// 200 that arrives after it is, rightly, tried again, and the stub would count that as a repeat.
	@Test
	void everyActionArrivesOnceThroughFailuresThrottlingAndTimeouts() throws Exception {
		StubProvider.Misbehaviour rough = new StubProvider.Misbehaviour(3, 7, 23, 3500, "1");
		try (StubProvider provider = new StubProvider(rough)) {
			DeliveryConfig config = config(provider);
			List<ActionRecord> actions = actions(provider, 300);
			try (DeliveryLedger ledger = new DeliveryLedger(dir.resolve("ledger"));
					DeliveryService delivery = new DeliveryService(config, ledger, dir.resolve("dead.jsonl"), new ServeMetrics())) {
				delivery.submit(actions.subList(0, 150));
				delivery.submit(actions.subList(100, 300)); // a hundred again, as after a restart: no second send
				assertTrue(delivery.awaitIdle(Duration.ofSeconds(90)), "deliveries did not finish: " + provider.misbehaved());
				for (ActionRecord action : actions) {
					assertEquals(DeliveryLedger.Status.DELIVERED, delivery.status(action.id()), action.id());
				}
			}
			Set<String> sent = new HashSet<>();
			actions.forEach(action -> sent.add(action.id()));
			assertEquals(sent, provider.accepted().keySet(), provider.misbehaved());
			assertEquals(0, provider.repeats(), "a delivered action was sent again: " + provider.misbehaved());
			assertEquals(0, provider.withoutKey());
			assertTrue(provider.requests() > 400, "the provider should have misbehaved: " + provider.misbehaved());
			assertEquals("pong", provider.body(actions.get(1).id()).get("template").asText());
			assertEquals(0, Files.size(dir.resolve("dead.jsonl")));

			try (DeliveryLedger ledger = new DeliveryLedger(dir.resolve("ledger"));
					DeliveryService again = new DeliveryService(config, ledger, dir.resolve("dead.jsonl"), new ServeMetrics())) {
				int before = provider.requests();
				again.resumePending();
				again.submit(actions);
				assertTrue(again.awaitIdle(Duration.ofSeconds(10)));
				assertEquals(before, provider.requests(), "a restarted delivery sent delivered actions again");
			}
		}
	}

	@Test
	void aRefusedOrUnroutableActionGoesToTheDeadLettersWithItsError() throws Exception {
		try (StubProvider provider = new StubProvider(StubProvider.Misbehaviour.NONE)) {
			DeliveryConfig config = DeliveryConfig.parse(new ObjectMapper().readTree("{\"channels\":{\"email\":{\"url\":\""
					+ provider.url("/email") + "\"}}}"), "test");
			ActionRecord toSms = new ActionRecord("a1", "c1", System.currentTimeMillis(), "C", "R", "send", "sms", "t", Map.of(), Map.of());
			ActionRecord badHook = new ActionRecord("a2", "c1", System.currentTimeMillis(), "C", "R", "webhook", null, "ftp://x", Map.of(),
					Map.of());
			try (DeliveryLedger ledger = new DeliveryLedger(dir.resolve("ledger"));
					DeliveryService delivery = new DeliveryService(config, ledger, dir.resolve("dead.jsonl"), new ServeMetrics())) {
				delivery.submit(List.of(toSms, badHook));
				assertTrue(delivery.awaitIdle(Duration.ofSeconds(10)));
				assertEquals(DeliveryLedger.Status.DEAD, delivery.status("a1"));
				assertEquals(DeliveryLedger.Status.DEAD, delivery.status("a2"));
			}
			String dead = Files.readString(dir.resolve("dead.jsonl"));
			assertTrue(dead.contains("add channels.sms.url to the delivery file"), dead);
			assertTrue(dead.contains("not an http(s) URL"), dead);
		}
	}

	@Test
	void retryAfterIsReadInSecondsOrAsADate() {
		assertEquals(2_000, Backoff.retryAfterMillis("2"));
		assertEquals(-1, Backoff.retryAfterMillis("soon"));
		long fromDate = Backoff.retryAfterMillis(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
				.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30)));
		assertTrue(fromDate > 25_000 && fromDate <= 30_000, Long.toString(fromDate));
		for (int attempt = 1; attempt < 30; attempt++) {
			long delay = Backoff.delayMillis(attempt, 100, 5_000);
			assertTrue(delay >= 0 && delay <= 5_000, Long.toString(delay));
		}
	}

	private static DeliveryConfig config(StubProvider provider) throws Exception {
		String json = """
				{ "breakerOpenMs": 200,
				  "channels": { "email": { "url": "%s", "timeoutMs": 3000, "maxAttempts": 30, "backoffMs": 20,
				                           "maxBackoffMs": 400, "concurrency": 8, "ratePerSecond": 2000,
				                           "body": { "to": "${customer}", "template": "${target}", "key": "${id}" } } },
				  "webhook": { "timeoutMs": 1000, "maxAttempts": 30, "backoffMs": 20, "maxBackoffMs": 400 } }
				""".formatted(provider.url("/email"));
		return DeliveryConfig.parse(new ObjectMapper().readTree(json), "test");
	}

	private static List<ActionRecord> actions(StubProvider provider, int count) {
		List<ActionRecord> actions = new ArrayList<>();
		long now = System.currentTimeMillis();
		for (int i = 0; i < count; i++) {
			boolean hook = i % 5 == 0;
			actions.add(new ActionRecord("action-" + i, "c" + (i % 40), now, "Campaign", "Rule", hook ? "webhook" : "send",
					hook ? null : "email", hook ? provider.url("/hook") : "pong", Map.of("n", Integer.toString(i)), Map.of()));
		}
		return actions;
	}
}
