package io.itinera.runtime.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A topic read as events, with a real in-process broker: partitions, dead letters, idleness, resuming at offsets. */
class KafkaEventSourceTest {
	private static final SourceLocation AT = SourceLocation.UNKNOWN;
	private static final EventSchema SCHEMA = new EventSchema(List.of(
			new EventType("cart_add", List.of(new FieldDecl("price", ValueType.DECIMAL, AT)), AT)));
	private static InProcessKafka kafka;

	@BeforeAll
	static void startKafka() {
		kafka = InProcessKafka.start();
		kafka.createTopic("events", 2);
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	private static KafkaEventSource open() {
		KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
		return new KafkaEventSource(connection.consumer(null), "events",
				() -> new JsonLinesEventParser(ColumnMapping.defaults(), SCHEMA), false);
	}

	private static String cartAdd(String customer, int minute) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"2026-03-01T00:" + String.format("%02d", minute)
				+ ":00Z\",\"type\":\"cart_add\",\"price\":2.5}";
	}

	/** Everything there is now; stops at the first NOTHING_YET after something was read. */
	private static List<SourceRecord> readAvailable(EventSource source) throws Exception {
		List<SourceRecord> records = new ArrayList<>();
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (System.nanoTime() < deadline) {
			SourceRecord record = source.poll(200);
			assertNotNull(record, "a topic never ends");
			if (record == EventSource.NOTHING_YET) {
				if (!records.isEmpty()) {
					return records;
				}
			} else {
				records.add(record);
			}
		}
		return records;
	}

	@Test
	void readsEveryPartitionDeadLettersBadRecordsAndResumesAtTheSavedOffsets() throws Exception {
		kafka.sendAll("events", List.of(
				new ProducerRecord<>("events", 0, "a", cartAdd("a", 1)),
				new ProducerRecord<>("events", 1, "b", cartAdd("b", 2)),
				new ProducerRecord<>("events", 1, "b", "{\"customer\": broken"),
				new ProducerRecord<>("events", 0, "a", cartAdd("a", 3))));
		Map<String, Long> saved;
		try (KafkaEventSource source = open()) {
			List<SourceRecord> records = readAvailable(source);
			assertEquals(4, records.size());
			assertEquals(3, records.stream().filter(record -> record.event() != null).count());
			SourceRecord bad = records.stream().filter(record -> record.deadLetter() != null).findFirst().orElseThrow();
			assertTrue(bad.deadLetter().reason().startsWith("events partition 1 offset 1: not valid JSON"), bad.deadLetter().reason());
			assertEquals(4, source.lineNumber());
			assertSame(EventSource.NOTHING_YET, source.poll(50), "idle: nothing yet, never the end");
			saved = source.partitionOffsets();
			assertEquals(Map.of("events-0", 2L, "events-1", 2L), saved);
		}

		kafka.send("events", "b", cartAdd("b", 4));
		try (KafkaEventSource restarted = open()) {
			restarted.resumeAt(0, 4);
			restarted.resumeAtOffsets(saved);
			List<SourceRecord> records = readAvailable(restarted);
			assertEquals(1, records.size(), "only what came after the saved offsets");
			assertEquals("b", records.get(0).event().customerId());
			assertEquals(5, records.get(0).lineNumber());
			assertNull(records.get(0).deadLetter());
		}
	}

	@Test
	void inEventTimeOrderMergesThePartitionsByTimeAndSavesOnlyTheOffsetsHandedOut() throws Exception {
		kafka.createTopic("ordered", 2);
		kafka.sendAll("ordered", List.of(
				new ProducerRecord<>("ordered", 0, "a", cartAdd("a", 1)),
				new ProducerRecord<>("ordered", 0, "a", cartAdd("a", 5)),
				new ProducerRecord<>("ordered", 0, "a", cartAdd("a", 9)),
				new ProducerRecord<>("ordered", 1, "b", cartAdd("b", 2)),
				new ProducerRecord<>("ordered", 1, "b", cartAdd("b", 3)),
				new ProducerRecord<>("ordered", 1, "b", cartAdd("b", 10))));
		Map<String, Long> saved;
		try (KafkaEventSource source = ordered()) {
			List<Integer> minutes = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				minutes.add(minute(source.next()));
			}
			assertEquals(List.of(1, 2, 3), minutes, "the earliest waiting record of every partition first");
			saved = source.partitionOffsets();
			assertEquals(Map.of("ordered-0", 1L, "ordered-1", 2L), saved, "the records waiting are not past the offsets");
			assertEquals(3, source.lineNumber());
		}
		try (KafkaEventSource restarted = ordered()) {
			restarted.resumeAt(0, 3);
			restarted.resumeAtOffsets(saved);
			List<Integer> minutes = new ArrayList<>();
			for (SourceRecord record : readAvailable(restarted)) {
				minutes.add(minute(record));
			}
			assertEquals(List.of(5, 9, 10), minutes, "the rest, in time order");
		}
	}

	private static KafkaEventSource ordered() {
		KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
		return new KafkaEventSource(connection.consumer(null), "ordered",
				() -> new JsonLinesEventParser(ColumnMapping.defaults(), SCHEMA), false).inEventTimeOrder(true);
	}

	private static int minute(SourceRecord record) {
		return (int) ((record.event().at() - java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli()) / 60_000);
	}
}
