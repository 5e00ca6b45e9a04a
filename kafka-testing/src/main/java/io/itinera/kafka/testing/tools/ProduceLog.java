package io.itinera.kafka.testing.tools;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a JSON Lines event log to a topic, one record a line, keyed by its {@code "customer"}
 * value so that each customer's events stay in order: {@code ProduceLog BOOTSTRAP TOPIC FILE}.
 */
public final class ProduceLog {
	private ProduceLog() {
	}

	public static void main(String[] args) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
		properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		long sent = 0;
		long started = System.nanoTime();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
				BufferedReader lines = Files.newBufferedReader(Path.of(args[2]))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (!line.isBlank()) {
					producer.send(new ProducerRecord<>(args[1], customer(line), line));
					sent++;
				}
			}
			producer.flush();
		}
		System.out.printf("sent %,d records in %.1f s%n", sent, (System.nanoTime() - started) / 1e9);
	}

	static String customer(String line) {
		int key = line.indexOf("\"customer\":\"");
		if (key < 0) {
			return null;
		}
		int start = key + 12;
		return line.substring(start, line.indexOf('"', start));
	}
}
