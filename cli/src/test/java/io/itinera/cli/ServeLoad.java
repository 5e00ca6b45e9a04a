package io.itinera.cli;

import io.itinera.serve.testing.StubProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator for {@code itinera serve} (not a test: run it by hand, see docs/serve.md).
 * Starts a stub provider and a real server on loopback, then measures
 * <ol>
 * <li>sustained events/s and acknowledgement latency with batches of 100 and of 1 (events of
 * customers outside the journey: the intake, the log and the engine, no delivery);</li>
 * <li>event-to-delivery time for an event-triggered rule, at a steady rate: from the event's time
 * (set when it is sent) to the provider's receipt of the action.</li>
 * </ol>
 * Arguments: [seconds per phase, default 10] [connections, default 8] [rule events per second, default 200]
 * [server options…].
 */
public final class ServeLoad {
	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
		int connections = args.length > 1 ? Integer.parseInt(args[1]) : 8;
		int ruleRate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
		Path dir = Files.createTempDirectory("itinera-serve-load");
		Path plan = ServeCommandTest.compile(dir);
		try (StubProvider provider = new StubProvider(StubProvider.Misbehaviour.NONE)) {
			Path delivery = dir.resolve("delivery.json");
			Files.writeString(delivery, """
					{ "channels": { "email": { "url": "%s", "concurrency": 16, "ratePerSecond": 100000,
					  "body": { "to": "${customer}", "n": "${params.n}", "at": "${timeMillis}" } } } }
					""".formatted(provider.url("/email")));
			List<String> options = new ArrayList<>(List.of("--deliver", delivery.toString()));
			options.addAll(List.of(args).subList(Math.min(3, args.length), args.length));
			try (ServeProcess server = ServeProcess.start(plan, dir.resolve("state"), options)) {
				String url = "http://127.0.0.1:" + server.port() + "/v1/events";
				System.out.printf("itinera serve on loopback, %d s per phase, %d connections, %d cores%n", seconds, connections,
						Runtime.getRuntime().availableProcessors());
				throughput(url, 100, connections, 3, "warm-up");
				throughput(url, 100, connections, seconds, "batches of 100");
				throughput(url, 1, Math.max(connections, 32), seconds, "batches of 1");
				eventToDelivery(url, provider, ruleRate, seconds);
				Thread.sleep(3_000); // a round of disk retention (every second with a short --keep-input)
				System.out.println("disk after the run (GET /health): " + server.get("/health", null).body());
				if (System.getenv("SERVE_LOAD_METRICS") != null) {
					server.get("/metrics", null).body().lines().filter(line -> line.contains("delivery_seconds{")
							|| line.contains("ack_seconds{") || line.contains("step_seconds{")).forEach(System.out::println);
				}
			}
		}
	}

	private static void throughput(String url, int batch, int connections, int seconds, String label) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		AtomicLong events = new AtomicLong();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		String time = Instant.now().toString();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < connections; t++) {
			int thread = t;
			threads.add(startThread(() -> {
				long sequence = 0;
				List<Long> mine = new ArrayList<>();
				while (!stop.get()) {
					StringBuilder body = new StringBuilder(batch * 100).append('[');
					for (int i = 0; i < batch; i++) {
						// customers who never signed up: the journey reads and counts them, no rule runs
						body.append(i == 0 ? "" : ",").append("{\"customer\":\"v").append(thread).append('-').append(sequence++ % 5000)
								.append("\",\"time\":\"").append(time).append("\",\"type\":\"ping\",\"n\":1}");
					}
					long started = System.nanoTime();
					if (post(url, body.append(']').toString()) == 200) {
						mine.add(System.nanoTime() - started);
						events.addAndGet(batch);
					}
				}
				latencies.addAll(mine);
			}));
		}
		long started = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		long counted = events.get();
		double elapsed = (System.nanoTime() - started) / 1e9;
		stop.set(true);
		for (Thread thread : threads) {
			thread.join();
		}
		accepted += events.get();
		while (processed(url) < accepted) {
			Thread.sleep(10);
		}
		double withCatchUp = (System.nanoTime() - started) / 1e9;
		System.out.printf("%-16s %,10.0f events/s acknowledged, %,10.0f events/s processed  ack p50 %6.2f ms  p99 %6.2f ms"
				+ "  (%,d requests)%n", label, counted / elapsed, events.get() / withCatchUp, percentile(latencies, 0.50) / 1e6,
				percentile(latencies, 0.99) / 1e6, latencies.size());
	}

	private static long accepted;

	/** Lines the engine has read from the input log and handed to its workers (GET /health). */
	private static long processed(String eventsUrl) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(eventsUrl.replace("/v1/events", "/health"))).build();
		String health = CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"linesRead\":(\\d+)").matcher(health);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	private static void eventToDelivery(String url, StubProvider provider, int perSecond, int seconds) throws Exception {
		int customers = 500;
		for (int c = 0; c < customers; c += 100) {
			StringBuilder body = new StringBuilder("[");
			for (int i = c; i < c + 100; i++) {
				body.append(i == c ? "" : ",").append("{\"customer\":\"r").append(i).append("\",\"time\":\"").append(Instant.now())
						.append("\",\"type\":\"signup\",\"plan\":\"pro\"}");
			}
			post(url, body.append(']').toString());
		}
		awaitAccepted(provider, customers);
		int warmUp = steadyRuleEvents(url, customers, perSecond, 5, 0); // the delivery path's first run is JIT-cold
		awaitAccepted(provider, customers + warmUp);
		provider.clearLatencies();
		int sent = steadyRuleEvents(url, customers, perSecond, seconds, warmUp);
		awaitAccepted(provider, customers + warmUp + sent);
		List<Long> millis = provider.actionToDeliveryMillis();
		System.out.printf("event-to-delivery at %d events/s with a rule on each: p50 %d ms  p99 %d ms  (%d of %d delivered)%n",
				perSecond, (long) percentile(millis, 0.50), (long) percentile(millis, 0.99), millis.size(), sent);
	}

	/** Single pings at a steady rate, each timed when sent; each sends an email. */
	private static int steadyRuleEvents(String url, int customers, int perSecond, int seconds, int from) throws Exception {
		long interval = 1_000_000_000L / perSecond;
		long next = System.nanoTime();
		long end = next + seconds * 1_000_000_000L;
		int sent = 0;
		while (System.nanoTime() < end) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			post(url, "[{\"customer\":\"r" + ((from + sent) % customers) + "\",\"time\":\"" + Instant.now()
					+ "\",\"type\":\"ping\",\"n\":1}]");
			sent++;
			next += interval;
		}
		return sent;
	}

	private static void awaitAccepted(StubProvider provider, int count) throws InterruptedException {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (provider.accepted().size() < count && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	private static Thread startThread(Runnable task) {
		Thread thread = new Thread(task);
		thread.start();
		return thread;
	}

	private static int post(String url, String body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
			return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		} catch (Exception e) {
			return -1;
		}
	}

	private static double percentile(List<Long> values, double share) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(share * sorted.size())));
	}
}
