package io.itinera.flink;

import io.itinera.kafka.testing.InProcessKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: a measurement run on demand. End-to-end latency of {@code itinera flink --local
 * --clock wall} as a user starts it (a cold child process) between an in-process Kafka broker's
 * events topic and a read_committed consumer of its actions topic: each cart of a new customer
 * gets a push at once (src/test/resources/latency-probe.journey). Run with
 * {@code mvn -pl flink -am verify -Dtest=LiveLatencyProbe -Ditinera.latencyProbe=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "itinera.latencyProbe", matches = "true")
class LiveLatencyProbe {
	private static final int EVENTS_PER_SECOND = 200;
	private static final int SECONDS = 30;

	@Test
	void measure() throws Exception {
		long checkpointMillis = Long.getLong("itinera.checkpointMs", 1000);
		try (InProcessKafka kafka = InProcessKafka.start()) {
			kafka.createTopics(List.of("events", "actions", "actions-dead-letters"), 2);
			Path journey = Path.of("src/test/resources/latency-probe.journey").toAbsolutePath();
			Process job = new ProcessBuilder(Path.of("..", "itinera").toAbsolutePath().toString(), "flink", journey.toString(), "--kafka",
					kafka.bootstrapServers(), "--events-topic", "events", "--actions-topic", "actions", "--clock", "wall", "--lateness", "0",
					"--checkpoint-ms", Long.toString(checkpointMillis), "--parallelism", "2", "--local").inheritIO().start();
			try (KafkaProducer<String, String> producer = kafka.producer();
					KafkaConsumer<String, String> consumer = kafka.consumer("probe", IsolationLevel.READ_COMMITTED)) {
				consumer.subscribe(List.of("actions"));
				Map<String, Long> sent = new HashMap<>();
				// Warm up until the job answers at all.
				long warmUntil = System.currentTimeMillis() + 120_000;
				int warm = 0;
				boolean answered = false;
				while (!answered && System.currentTimeMillis() < warmUntil) {
					send(producer, "warm-" + warm++, System.currentTimeMillis());
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
						answered = true;
					}
				}
				List<Long> latencies = new ArrayList<>();
				long start = System.currentTimeMillis();
				long gap = 1000 / EVENTS_PER_SECOND;
				int count = EVENTS_PER_SECOND * SECONDS;
				for (int i = 0; i < count; i++) {
					long due = start + i * gap;
					while (System.currentTimeMillis() < due) {
						collect(consumer.poll(Duration.ofMillis(1)), sent, latencies);
					}
					String customer = "probe-" + i;
					long now = System.currentTimeMillis();
					sent.put(customer, now);
					send(producer, customer, now);
				}
				long drainUntil = System.currentTimeMillis() + 30_000;
				while (latencies.size() < count && System.currentTimeMillis() < drainUntil) {
					collect(consumer.poll(Duration.ofMillis(100)), sent, latencies);
				}
				Collections.sort(latencies);
				System.out.printf(Locale.ROOT, "LATENCY events %d answered %d median %d ms p99 %d ms max %d ms (checkpoint %d ms)%n", count,
						latencies.size(), latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)),
						latencies.get(latencies.size() - 1), checkpointMillis);
			} finally {
				job.descendants().forEach(ProcessHandle::destroy);
				job.destroy();
				job.waitFor();
			}
		}
	}

	private static void send(KafkaProducer<String, String> producer, String customer, long at) {
		producer.send(new ProducerRecord<>("events", customer, "{\"customer\":\"" + customer + "\",\"time\":" + at
				+ ",\"type\":\"cart_add\",\"productId\":\"p1\",\"price\":10}"));
		producer.flush();
	}

	private static void collect(Iterable<ConsumerRecord<String, String>> records, Map<String, Long> sent, List<Long> latencies) {
		long now = System.currentTimeMillis();
		for (ConsumerRecord<String, String> record : records) {
			String customer = record.value().replaceAll(".*\"customer\":\"([^\"]+)\".*", "$1");
			Long at = sent.remove(customer);
			if (at != null) {
				latencies.add(now - at);
			}
		}
	}
}
