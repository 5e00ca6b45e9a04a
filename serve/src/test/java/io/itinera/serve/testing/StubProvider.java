package io.itinera.serve.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message provider on 127.0.0.1 for tests: it dedupes by {@code Idempotency-Key} like a real
 * one (a key accepted before is answered 200 again and counted as a repeat, not accepted twice),
 * and can misbehave on a fixed rhythm of its requests: fail (503), throttle (429 with Retry-After),
 * or hang past the client's timeout without accepting.
 */
public final class StubProvider implements AutoCloseable {
	private static final ObjectMapper JSON = new ObjectMapper();

	/** Which request numbers misbehave: every {@code failEvery}-th fails, and so on; 0: never. */
	public record Misbehaviour(int failEvery, int throttleEvery, int hangEvery, long hangMillis, String retryAfter) {
		public static final Misbehaviour NONE = new Misbehaviour(0, 0, 0, 0, "0");
	}

	private final HttpServer server;
	private final Misbehaviour misbehaviour;
	private final AtomicInteger requests = new AtomicInteger();
	private final AtomicInteger failed = new AtomicInteger();
	private final AtomicInteger throttled = new AtomicInteger();
	private final AtomicInteger hung = new AtomicInteger();
	private final AtomicInteger repeats = new AtomicInteger();
	private final AtomicInteger withoutKey = new AtomicInteger();
	private final Map<String, Integer> accepted = new ConcurrentHashMap<>();
	private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
	private final List<Long> actionToDeliveryMillis = java.util.Collections.synchronizedList(new ArrayList<>());
	private final AtomicLong lastAccepted = new AtomicLong();

	public StubProvider(Misbehaviour misbehaviour) throws IOException {
		// Without it the JDK server's answers wait on Nagle and the client's delayed ACK: 40 ms each.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.misbehaviour = misbehaviour;
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		server.setExecutor(Executors.newFixedThreadPool(32));
		server.createContext("/", this::handle);
		server.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			int n = requests.incrementAndGet();
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			if (key == null) {
				withoutKey.incrementAndGet();
				answer(exchange, 400, "{\"error\":\"Idempotency-Key missing\"}");
				return;
			}
			if (every(n, misbehaviour.hangEvery())) {
				hung.incrementAndGet();
				sleep(misbehaviour.hangMillis());
				answer(exchange, 503, "{\"error\":\"took too long\"}");
				return;
			}
			if (every(n, misbehaviour.failEvery())) {
				failed.incrementAndGet();
				answer(exchange, 503, "{\"error\":\"try later\"}");
				return;
			}
			if (every(n, misbehaviour.throttleEvery())) {
				throttled.incrementAndGet();
				exchange.getResponseHeaders().add("Retry-After", misbehaviour.retryAfter());
				answer(exchange, 429, "{\"error\":\"slow down\"}");
				return;
			}
			int times = accepted.merge(key, 1, (a, b) -> a);
			if (bodies.putIfAbsent(key, JSON.readTree(body)) != null) {
				repeats.incrementAndGet();
			} else {
				JsonNode at = bodies.get(key).get("at");
				long atMillis = at == null ? -1 : at.asLong(-1);
				if (atMillis > 0) {
					actionToDeliveryMillis.add(System.currentTimeMillis() - atMillis);
				}
				lastAccepted.set(System.nanoTime());
			}
			answer(exchange, 200, "{\"accepted\":" + times + "}");
		}
	}

	private static boolean every(int n, int period) {
		return period > 0 && n % period == 0;
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Keys accepted, each once however often it was sent. */
	public Map<String, Integer> accepted() {
		return accepted;
	}

	public JsonNode body(String key) {
		return bodies.get(key);
	}

	/** Requests for a key accepted before (the sender tried again after all). */
	public int repeats() {
		return repeats.get();
	}

	public int requests() {
		return requests.get();
	}

	public int withoutKey() {
		return withoutKey.get();
	}

	public String misbehaved() {
		return "requests " + requests + ", failed " + failed + ", throttled " + throttled + ", hung " + hung + ", repeats " + repeats;
	}

	public List<Long> actionToDeliveryMillis() {
		synchronized (actionToDeliveryMillis) {
			return new ArrayList<>(actionToDeliveryMillis);
		}
	}

	public void clearLatencies() {
		actionToDeliveryMillis.clear();
	}

	@Override
	public void close() {
		server.stop(0);
		((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
	}
}
