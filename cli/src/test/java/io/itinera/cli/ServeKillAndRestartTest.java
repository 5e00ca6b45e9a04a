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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code itinera serve} killed (SIGKILL) under load and started again: every acknowledged
 * event is processed exactly once — each ping sends an email carrying the customer's ping count,
 * so a lost event leaves a gap and a doubled one an extra count — and the provider accepts no
 * action twice.
 */
class ServeKillAndRestartTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final int CUSTOMERS = 200;
	private static final int THREADS = 4;
	private static final int BATCH = 20;

	@TempDir
	Path dir;

	@Test
	void acknowledgedEventsAreProcessedOnceAcrossAKill() throws Exception {
		Path plan = ServeCommandTest.compile(dir);
		Path state = dir.resolve("state");
		try (StubProvider provider = new StubProvider(new StubProvider.Misbehaviour(10, 0, 0, 0, "0"))) {
			Path delivery = dir.resolve("delivery.json");
			Files.writeString(delivery, """
					{ "channels": { "email": { "url": "%s", "timeoutMs": 2000, "maxAttempts": 50, "backoffMs": 20,
					  "maxBackoffMs": 500, "body": { "to": "${customer}", "n": "${params.n}", "at": "${timeMillis}" } } } }
					""".formatted(provider.url("/email")));
			List<String> options = List.of("--deliver", delivery.toString(), "--checkpoint-ms", "200");

			int[] sent = new int[CUSTOMERS];
			int[] acked = new int[CUSTOMERS];
			ServeProcess first = ServeProcess.start(plan, state, options);
			List<Thread> load = startLoad(first, sent, acked);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (sum(acked) < 4_000 && System.nanoTime() < deadline && first.isAlive()) {
				Thread.sleep(5);
			}
			assertTrue(first.isAlive(), first.output());
			first.kill();
			for (Thread thread : load) {
				thread.join(30_000);
			}
			int ackedAtKill = sum(acked);
			assertTrue(ackedAtKill >= 1_000, "too little load before the kill: " + ackedAtKill);

			try (ServeProcess second = ServeProcess.start(plan, state, options)) {
				for (int c = 0; c < CUSTOMERS; c++) {
					HttpResponse<String> answer = second.post("/v1/events", "application/json",
							"[" + ServeCommandTest.event("c" + c, sent[c] == 0 ? "signup" : "ping",
									sent[c] == 0 ? ",\"plan\":\"pro\"" : ",\"n\":1") + "]", null);
					assertEquals(200, answer.statusCode(), answer.body());
					sent[c]++;
					acked[c]++;
				}
				Map<String, Integer> logged = loggedEventsPerCustomer(state);
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
				assertEquals(expectedActions, provider.accepted().size(), provider.misbehaved() + "\n" + second.output());

				Map<String, List<Integer>> counts = new HashMap<>();
				for (String key : provider.accepted().keySet()) {
					JsonNode body = provider.body(key);
					counts.computeIfAbsent(body.get("to").asText(), k -> new ArrayList<>()).add(body.get("n").asInt());
				}
				for (int c = 0; c < CUSTOMERS; c++) {
					int inLog = logged.getOrDefault("c" + c, 0);
					List<Integer> seen = counts.getOrDefault("c" + c, List.of());
					TreeSet<Integer> expected = new TreeSet<>();
					for (int n = 0; n < inLog; n++) {
						expected.add(n);
					}
					assertEquals(inLog, seen.size(), "c" + c + " ping counts " + seen);
					assertEquals(expected, new TreeSet<>(seen), "c" + c + ": each logged event processed once");
				}
				second.close(); // a clean stop syncs the output files
				List<String> written = Files.readAllLines(state.resolve(LiveServer.OUTPUT).resolve("actions.jsonl"));
				Set<String> ids = new HashSet<>();
				for (String line : written) {
					assertTrue(ids.add(JSON.readTree(line).get("id").asText()), "an action written twice: " + line);
				}
				assertEquals(expectedActions, ids.size());
				System.out.printf("kill test: %d acknowledged before the kill, %d actions, provider %s%n", ackedAtKill,
						expectedActions, provider.misbehaved());
			}
		}
	}

	/** Each thread owns every THREADS-th customer and posts batches: a customer's first event is a signup, then pings. */
	private static List<Thread> startLoad(ServeProcess server, int[] sent, int[] acked) {
		List<Thread> threads = new ArrayList<>();
		AtomicBoolean down = new AtomicBoolean();
		for (int t = 0; t < THREADS; t++) {
			int owner = t;
			Thread thread = new Thread(() -> {
				int next = owner;
				while (!down.get()) {
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
						if (answer.statusCode() != 200) {
							throw new IOException(answer.body());
						}
						for (int c : inBatch) {
							acked[c]++;
						}
					} catch (IOException | InterruptedException e) {
						down.set(true);
					}
				}
			}, "load-" + t);
			thread.start();
			threads.add(thread);
		}
		return threads;
	}

	/** Events per customer in the server's input log (every segment of it). */
	static Map<String, Integer> loggedEventsPerCustomer(Path state) throws IOException {
		Map<String, Integer> counts = new HashMap<>();
		for (Path segment : io.itinera.serve.intake.InputLog.files(state)) {
			for (String line : Files.readAllLines(segment)) {
				counts.merge(JSON.readTree(line).get("customer").asText(), 1, Integer::sum);
			}
		}
		return counts;
	}

	private static int sum(int[] values) {
		int total = 0;
		for (int value : values) {
			total += value;
		}
		return total;
	}

}
