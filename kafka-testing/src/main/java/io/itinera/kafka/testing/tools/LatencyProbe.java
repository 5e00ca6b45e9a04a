package io.itinera.kafka.testing.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.io.RandomAccessFile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Event-to-action latency of a running {@code itinera run --kafka} over the journey
 * cli/src/test/resources/restart.journey (a cart left for an hour is Abandoned, which sends a
 * reminder): for each of N new customers it sends a cart_add, then a product_view two hours later
 * in event time, which fires the customer's timer; the time from sending that second event to its
 * action's line in {@code OUT/actions.jsonl} is one sample. Usage:
 * {@code LatencyProbe BOOTSTRAP TOPIC ACTIONS_FILE N}; prints the median and the 99th percentile.
 */
public final class LatencyProbe {
	private LatencyProbe() {
	}

	public static void main(String[] args) throws Exception {
		String topic = args[1];
		Path actions = Path.of(args[2]);
		int samples = Integer.parseInt(args[3]);
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
		long[] latencies = new long[samples];
		long base = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
		String run = Long.toString(System.currentTimeMillis(), 36);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
				RandomAccessFile file = new RandomAccessFile(waitFor(actions).toFile(), "r")) {
			file.seek(file.length());
			for (int i = 0; i < samples; i++) {
				String customer = "probe-" + run + "-" + i;
				long at = base + i * 1000L;
				producer.send(new ProducerRecord<>(topic, customer, event(customer, at, "cart_add", ",\"productId\":\"p1\",\"price\":9.5"))).get();
				long sent = System.nanoTime();
				producer.send(new ProducerRecord<>(topic, customer, event(customer, at + 7_200_000L, "product_view",
						",\"productId\":\"p1\",\"category\":\"c\",\"price\":9.5")));
				latencies[i] = awaitActionOf(file, customer) - sent;
			}
		}
		Arrays.sort(latencies);
		System.out.printf("%d samples: median %.1f ms, p99 %.1f ms, max %.1f ms%n", samples, latencies[samples / 2] / 1e6,
				latencies[(int) Math.min(samples - 1, Math.ceil(samples * 0.99) - 1)] / 1e6, latencies[samples - 1] / 1e6);
	}

	private static String event(String customer, long at, String type, String fields) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + Instant.ofEpochMilli(at) + "\",\"type\":\"" + type + "\"" + fields + "}";
	}

	private static Path waitFor(Path file) throws InterruptedException {
		while (!Files.exists(file)) {
			Thread.sleep(10);
		}
		return file;
	}

	/** Tails the file until a line names the customer; returns when it was seen (nanoTime). */
	private static long awaitActionOf(RandomAccessFile file, String customer) throws Exception {
		String needle = "\"customer\":\"" + customer + "\"";
		StringBuilder pending = new StringBuilder();
		byte[] buffer = new byte[65536];
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < deadline) {
			int read = file.read(buffer);
			if (read > 0) {
				pending.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
				if (pending.indexOf(needle) >= 0) {
					return System.nanoTime();
				}
				int lastLine = pending.lastIndexOf("\n");
				if (lastLine >= 0) {
					pending.delete(0, lastLine + 1);
				}
			} else {
				Thread.onSpinWait();
				Thread.sleep(0, 200_000);
			}
		}
		throw new IllegalStateException("no action for " + customer + " within 30 s");
	}
}
