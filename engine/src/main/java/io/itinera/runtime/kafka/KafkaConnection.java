package io.itinera.runtime.kafka;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The clients {@code run --kafka} makes, all to one cluster ({@code bootstrap}: host:port[,host:port…]). */
public record KafkaConnection(String bootstrap) {
	/** The broker may hold the actions transaction open this long at most (its default cap). */
	private static final long MAX_TRANSACTION_MILLIS = 900_000;

	public KafkaConnection {
		if (bootstrap == null || bootstrap.isBlank() || !bootstrap.contains(":")) {
			throw new IllegalArgumentException("--kafka " + bootstrap + ": give the broker as HOST:PORT, e.g. localhost:9092");
		}
	}

	/**
	 * A consumer of whole records as bytes, reading only committed transactions, committing nothing
	 * by itself; {@code group} may be null.
	 */
	public KafkaConsumer<byte[], byte[]> consumer(String group) {
		Properties properties = common();
		if (group != null) {
			properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
		return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * A transactional producer with {@code initTransactions()} done, which aborts whatever an earlier
	 * producer of the same id left open. The transaction may stay open for three checkpoint intervals.
	 */
	public KafkaProducer<String, String> transactionalProducer(String transactionalId, long checkpointEveryMillis) {
		Properties properties = common();
		properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
		properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
				Long.toString(Math.min(MAX_TRANSACTION_MILLIS, Math.max(60_000, 3 * checkpointEveryMillis))));
		KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
		try {
			producer.initTransactions();
		} catch (RuntimeException e) {
			producer.close();
			throw e;
		}
		return producer;
	}

	private Properties common() {
		Properties properties = new Properties();
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, "itinera-run");
		return properties;
	}
}
