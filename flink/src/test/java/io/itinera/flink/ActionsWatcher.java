package io.itinera.flink;

import io.itinera.kafka.testing.InProcessKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** A read_committed consumer of a topic on a thread of its own: what has been committed, and when each record arrived. */
final class ActionsWatcher implements AutoCloseable {
	private final InProcessKafka kafka;
	private final String topic;
	private final List<String> values = new ArrayList<>();
	private final List<Long> arrivals = new ArrayList<>();
	private volatile boolean stopped;
	private Thread thread;

	ActionsWatcher(InProcessKafka kafka, String topic) {
		this.kafka = kafka;
		this.topic = topic;
	}

	void start() {
		thread = new Thread(this::watch, "watch-" + topic);
		thread.start();
	}

	private void watch() {
		try (KafkaConsumer<String, String> consumer = kafka.consumer(null, IsolationLevel.READ_COMMITTED)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (!stopped) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
					long now = System.nanoTime();
					synchronized (this) {
						values.add(record.value());
						arrivals.add(now);
					}
				}
			}
		}
	}

	synchronized List<String> values() {
		return List.copyOf(values);
	}

	/** When (System.nanoTime) the first record after the first {@code seen} arrived, at or after {@code since}; waits for it. */
	long firstArrivalAfter(long since, int seen) throws Exception {
		FlinkClusterTest.waitFor("a new committed record", () -> {
			synchronized (this) {
				return arrivals.stream().skip(seen).anyMatch(t -> t >= since);
			}
		});
		synchronized (this) {
			return arrivals.stream().skip(seen).filter(t -> t >= since).findFirst().orElseThrow();
		}
	}

	@Override
	public void close() throws InterruptedException {
		stopped = true;
		if (thread != null) {
			thread.join(10_000);
		}
	}
}
