package io.itinera.flink;

import io.itinera.runtime.io.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Events from a Kafka topic (one JSON object per record value, as in a JSON Lines log) and the
 * job's output to topics: actions keyed by action id, stage changes by customer, dead letters to
 * their own topic. The sink is exactly-once (Kafka transactions committed with Flink's
 * checkpoints); each record's timestamp is set to its action time explicitly.
 */
final class KafkaTopics {
	/** Below the broker's default transaction.max.timeout.ms (15 minutes); Flink's producer default is an hour. */
	static final int TRANSACTION_TIMEOUT_MS = 600_000;

	private KafkaTopics() {
	}

	/** {@code topics}: actions, stage changes (null: not written), dead letters. */
	record Outputs(String bootstrap, String actions, String stageChanges, String deadLetters, String transactionPrefix)
			implements java.io.Serializable {
	}

	/** A topic's records as lines, from the earliest committed. */
	static KafkaSource<NumberedLine> source(String bootstrap, String topic, String groupId) {
		return source(bootstrap, topic, groupId, new Lines());
	}

	/**
	 * A topic's records read as the job's events inside the source, so the source can give each
	 * partition a watermark of its own from their times; a record that is not an event passes on as
	 * its line (for the dead letters).
	 */
	static KafkaSource<NumberedLine> events(String bootstrap, String topic, String groupId, JobSettings settings) {
		return source(bootstrap, topic, groupId, new Events(settings));
	}

	private static KafkaSource<NumberedLine> source(String bootstrap, String topic, String groupId,
			KafkaRecordDeserializationSchema<NumberedLine> records) {
		return KafkaSource.<NumberedLine>builder().setBootstrapServers(bootstrap).setTopics(topic).setGroupId(groupId)
				.setStartingOffsets(OffsetsInitializer.earliest()).setDeserializer(records)
				.setProperty("isolation.level", "read_committed").build();
	}

	static KafkaSink<OutputRecord> sink(Outputs outputs) {
		Properties producer = new Properties();
		producer.setProperty("transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
		return KafkaSink.<OutputRecord>builder().setBootstrapServers(outputs.bootstrap()).setKafkaProducerConfig(producer)
				.setRecordSerializer(new Records(outputs)).setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
				.setTransactionalIdPrefix(outputs.transactionPrefix()).build();
	}

	/** A record's value as a line; its offset stands in for the line number. */
	private static final class Lines implements KafkaRecordDeserializationSchema<NumberedLine> {
		private static final long serialVersionUID = 1L;

		@Override
		public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<NumberedLine> out) {
			if (record.value() != null) {
				out.collect(new NumberedLine(record.offset(), new String(record.value(), StandardCharsets.UTF_8)));
			}
		}

		@Override
		public TypeInformation<NumberedLine> getProducedType() {
			return OutputTypes.LINE;
		}
	}

	/** A record's value read as an event where it is one ({@link EventLines}); its offset stands in for the line number. */
	private static final class Events implements KafkaRecordDeserializationSchema<NumberedLine> {
		private static final long serialVersionUID = 1L;
		private final JobSettings settings;
		private transient EventLines lines;

		Events(JobSettings settings) {
			this.settings = settings;
		}

		@Override
		public void open(DeserializationSchema.InitializationContext context) {
			lines = new EventLines(settings);
		}

		@Override
		public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<NumberedLine> out) {
			if (record.value() == null) {
				return;
			}
			String text = new String(record.value(), StandardCharsets.UTF_8);
			if (text.isBlank()) {
				return;
			}
			SourceRecord read = lines.read(record.offset(), text);
			if (read.event() != null) {
				out.collect(NumberedLine.read(record.offset(), EventLines.record(read.event(), record.offset())));
			} else if (read.deadLetter() != null) {
				out.collect(new NumberedLine(record.offset(), text));
			}
		}

		@Override
		public TypeInformation<NumberedLine> getProducedType() {
			return OutputTypes.LINE;
		}
	}

	private static final class Records implements KafkaRecordSerializationSchema<OutputRecord> {
		private static final long serialVersionUID = 1L;
		private final Outputs outputs;

		Records(Outputs outputs) {
			this.outputs = outputs;
		}

		@Override
		public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
			String topic = switch (record.kind) {
			case OutputRecord.ACTION -> outputs.actions();
			case OutputRecord.STAGE_CHANGE -> outputs.stageChanges();
			default -> outputs.deadLetters();
			};
			// Action time, set explicitly: the job's record timestamps are event time, which brokers may reject as too old or new.
			return new ProducerRecord<>(topic, null, record.at, record.key.getBytes(StandardCharsets.UTF_8),
					record.json.getBytes(StandardCharsets.UTF_8));
		}
	}
}
