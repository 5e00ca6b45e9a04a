package io.itinera.kafka.testing.tools;

import io.itinera.kafka.testing.InProcessKafka;
import java.util.concurrent.CountDownLatch;

/**
 * For trying {@code itinera run --kafka} by hand and measuring it: the in-process cluster in its
 * own JVM, with the topics named as arguments ({@code NAME:PARTITIONS}); prints its bootstrap
 * address and runs until killed. Loopback only.
 */
public final class StandaloneKafka {
	private StandaloneKafka() {
	}

	public static void main(String[] args) throws InterruptedException {
		InProcessKafka kafka = InProcessKafka.start();
		for (String topic : args) {
			String[] parts = topic.split(":");
			kafka.createTopic(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
		System.out.println("bootstrap " + kafka.bootstrapServers());
		System.out.flush();
		new CountDownLatch(1).await();
	}
}
