package io.itinera.kafka.testing.tools;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until consumer group GROUP has committed offsets summing to N (a run with {@code --group}
 * has read N records) and prints the seconds since START_MILLIS (epoch ms, e.g. when the run was
 * started): {@code AwaitGroup BOOTSTRAP GROUP N START_MILLIS}.
 */
public final class AwaitGroup {
	private AwaitGroup() {
	}

	public static void main(String[] args) throws Exception {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
		long target = Long.parseLong(args[2]);
		long start = Long.parseLong(args[3]);
		try (Admin admin = Admin.create(properties)) {
			while (true) {
				Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(args[1])
						.partitionsToOffsetAndMetadata().get();
				long sum = offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
				if (sum >= target) {
					double seconds = (System.currentTimeMillis() - start) / 1000.0;
					System.out.printf("%,d records read in %.1f s: %,.0f records/s%n", sum, seconds, sum / seconds);
					return;
				}
				Thread.sleep(100);
			}
		}
	}
}
