package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.serve.LiveServer;
import io.itinera.serve.testing.StubProvider;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code itinera serve} reloaded while several threads post events: once with {@code migrate}
 * (a renamed stage), once with {@code pin-old} (a changed template), then killed (SIGKILL) in the
 * middle of a third reload and started again with {@code --migrate}. Each ping sends an email with
 * the customer's ping count, so a lost event leaves a gap and a doubled one an extra count:
 * afterwards every event in the input log — every acknowledged one among them — was processed
 * exactly once, and the provider accepted each idempotency key once.
 */
class ServeReloadUnderLoadTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final int CUSTOMERS = 120;
	private static final int THREADS = 4;
	private static final int BATCH = 10;

	@TempDir
	Path dir;

	private volatile ServeProcess server;
	private final AtomicBoolean stopLoad = new AtomicBoolean();
	private final AtomicInteger ackedTotal = new AtomicInteger();

	@Test
	void reloadsAndAKillMidReloadLoseNothingAndDoubleNothing() throws Exception {
		String v1 = Files.readString(Path.of(getClass().getResource("/live.journey").toURI()));
		String v2 = v1.replace("Active", "Live");
		Path journey = dir.resolve("live.journey");
		Files.writeString(journey, v1);
		Path state = dir.resolve("state");
		try (StubProvider provider = new StubProvider(new StubProvider.Misbehaviour(10, 0, 0, 0, "0"))) {
			Path delivery = dir.resolve("delivery.json");
			Files.writeString(delivery, """
					{ "channels": { "email": { "url": "%s", "timeoutMs": 2000, "maxAttempts": 50, "backoffMs": 20,
					  "maxBackoffMs": 500, "body": { "to": "${customer}", "n": "${params.n}", "template": "${target}" } } } }
					""".formatted(provider.url("/email")));
			List<String> options = List.of("--deliver", delivery.toString(), "--checkpoint-ms", "200");
			int[] sent = new int[CUSTOMERS];
			int[] acked = new int[CUSTOMERS];
			server = ServeProcess.start(journey, state, options);
			List<Thread> load = startLoad(sent, acked);

			awaitAcked(1_000);
			Files.writeString(journey, v2);
			HttpResponse<String> migrated = server.post("/v1/admin/journeys/reload?mode=migrate", "application/json", "", null);
			assertEquals(200, migrated.statusCode(), migrated.body());
			awaitAcked(ackedTotal.get() + 1_000);
			Files.writeString(journey, v2.replace("\"pong\"", "\"pong3\""));
			HttpResponse<String> pinned = server.post("/v1/admin/journeys/reload?mode=pin-old", "application/json", "", null);
			assertEquals(200, pinned.statusCode(), pinned.body());
			awaitAcked(ackedTotal.get() + 1_000);
			int ackedBeforeKill = ackedTotal.get();

			Files.writeString(journey, v2.replace("\"pong\"", "\"pong4\""));
			ServeProcess killed = server;
			CompletableFuture<Void> reloading = CompletableFuture.runAsync(() -> {
				try {
					killed.post("/v1/admin/journeys/reload?mode=migrate", "application/json", "", null);
				} catch (IOException | InterruptedException dropped) {
					// the kill cut it: either the old version or the new one is in the state
				}
			});
			Thread.sleep(30);
			killed.kill();
			reloading.get(30, TimeUnit.SECONDS);
			server = ServeProcess.start(journey, state, concat(options, "--migrate"));
			awaitAcked(ackedTotal.get() + 1_000);
			stopLoad.set(true);
			for (Thread thread : load) {
				thread.join(30_000);
			}

			Map<String, Integer> logged = ServeKillAndRestartTest.loggedEventsPerCustomer(state);
			int expectedActions = 0;
			for (int c = 0; c < CUSTOMERS; c++) {
				int inLog = logged.getOrDefault("c" + c, 0);
				assertTrue(inLog >= acked[c] && inLog <= sent[c], "c" + c + ": " + acked[c] + " acknowledged, " + inLog
						+ " in the log, " + sent[c] + " sent");
				expectedActions += inLog;
			}
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (provider.accepted().size() < expectedActions && System.nanoTime() < until) {
				Thread.sleep(20);
			}
			assertEquals(expectedActions, provider.accepted().size(), provider.misbehaved() + "\n" + server.output());
			Map<String, List<Integer>> counts = new HashMap<>();
			Set<String> templates = new HashSet<>();
			for (String key : provider.accepted().keySet()) {
				JsonNode body = provider.body(key);
				counts.computeIfAbsent(body.get("to").asText(), k -> new ArrayList<>()).add(body.get("n").asInt());
				templates.add(body.get("template").asText());
			}
			for (int c = 0; c < CUSTOMERS; c++) {
				int inLog = logged.getOrDefault("c" + c, 0);
				TreeSet<Integer> expected = new TreeSet<>();
				for (int n = 0; n < inLog; n++) {
					expected.add(n);
				}
				List<Integer> seen = counts.getOrDefault("c" + c, List.of());
				assertEquals(inLog, seen.size(), "c" + c + " ping counts " + seen);
				assertEquals(expected, new TreeSet<>(seen), "c" + c + ": each logged event processed once");
			}
			assertTrue(templates.containsAll(List.of("pong", "pong3", "pong4")), "every version sent: " + templates);
			server.close();
			Set<String> ids = new HashSet<>();
			for (String line : Files.readAllLines(state.resolve(LiveServer.OUTPUT).resolve("actions.jsonl"))) {
				assertTrue(ids.add(JSON.readTree(line).get("id").asText()), "an action written twice: " + line);
			}
			assertEquals(expectedActions, ids.size());
			System.out.printf("reload test: %d acknowledged before the kill, %d actions, provider %s%n", ackedBeforeKill,
					expectedActions, provider.misbehaved());
		} finally {
			stopLoad.set(true);
			if (server != null) {
				server.close();
			}
		}
	}

	private void awaitAcked(int total) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (ackedTotal.get() < total && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertTrue(ackedTotal.get() >= total, "the load stalled at " + ackedTotal.get());
	}

	/**
	 * Each thread owns every THREADS-th customer and posts batches (a signup, then pings) to whichever
	 * server runs, through its restart: a batch not answered 200 is not acknowledged, and may or may not be in the log.
	 */
	private List<Thread> startLoad(int[] sent, int[] acked) {
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int owner = t;
			Thread thread = new Thread(() -> {
				int next = owner;
				while (!stopLoad.get()) {
					StringBuilder body = new StringBuilder("[");
					int[] inBatch = new int[BATCH];
					for (int i = 0; i < BATCH; i++) {
						int c = next;
						next = next + THREADS >= CUSTOMERS ? owner : next + THREADS;
						inBatch[i] = c;
						body.append(i == 0 ? "" : ",").append(ServeCommandTest.event("c" + c, sent[c] == 0 ? "signup" : "ping",
								sent[c] == 0 ? ",\"plan\":\"pro\"" : ",\"n\":1"));
						sent[c]++;
					}
					try {
						HttpResponse<String> answer = server.post("/v1/events", "application/json", body.append("]").toString(), null);
						if (answer.statusCode() == 200) {
							for (int c : inBatch) {
								acked[c]++;
							}
							ackedTotal.addAndGet(BATCH);
						}
					} catch (IOException e) {
						pause();
					} catch (InterruptedException e) {
						return;
					}
				}
			}, "load-" + t);
			thread.start();
			threads.add(thread);
		}
		return threads;
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<String> concat(List<String> options, String more) {
		List<String> all = new ArrayList<>(options);
		all.add(more);
		return all;
	}
}
