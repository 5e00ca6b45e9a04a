package io.itinera.runtime.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.OutputJson;
import io.itinera.runtime.io.OutputPositions;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The run's output files, and its actions also to a Kafka topic (key: customer; value: the action's
 * JSON line, as in actions.jsonl; timestamp: the action's time), in one transaction per checkpoint:
 * it is committed when the engine syncs its output, just before the checkpoint goes to the store.
 * The offsets after each committed transaction go into the checkpoint ({@link OutputPositions#topicOffsets()}).
 * If a run dies between the two commits, the restart reads what the topic got after the saved
 * offsets and does not send those actions again; a transaction left open by a killed run is
 * aborted when the next producer of the same id starts. So a read_committed consumer sees every
 * action exactly once.
 */
public final class KafkaActionsOutput implements RunOutput {
	private static final ObjectMapper JSON = new ObjectMapper();

	private final RunOutput files;
	private final KafkaProducer<String, String> producer;
	private final KafkaConsumer<byte[], byte[]> readBack;
	private final String topic;
	private final Set<String> alreadyInTopic = new HashSet<>();
	private final Map<TopicPartition, Long> committedEnds = new HashMap<>();
	/** This transaction's sends: once it is committed, they say where each partition ends. */
	private final List<Future<RecordMetadata>> sent = new ArrayList<>();
	private boolean inTransaction;

	/**
	 * @param producer transactional, {@code initTransactions()} done; closed with this output
	 * @param readBack a read_committed consumer for the restart check; closed with this output
	 */
	public KafkaActionsOutput(RunOutput files, KafkaProducer<String, String> producer, KafkaConsumer<byte[], byte[]> readBack,
			String topic) {
		this.files = files;
		this.producer = producer;
		this.readBack = readBack;
		this.topic = topic;
	}

	@Override
	public void write(List<ActionRecord> actions, List<StageChange> stageChanges, List<DeliveryNotice> notices,
			List<DeadLetter> deadLetters) throws IOException {
		files.write(actions, stageChanges, notices, deadLetters);
		for (ActionRecord action : actions) {
			if (alreadyInTopic.remove(action.id())) {
				continue;
			}
			if (!inTransaction) {
				producer.beginTransaction();
				inTransaction = true;
			}
			sent.add(producer.send(new ProducerRecord<>(topic, null, action.at(), action.customerId(), OutputJson.action(action))));
		}
	}

	@Override
	public void flush() throws IOException {
		files.flush();
	}

	@Override
	public OutputPositions sync() throws IOException {
		OutputPositions positions = files.sync();
		if (inTransaction) {
			// a failed send fails the commit, and with it the checkpoint: the restart sends again
			producer.commitTransaction();
			inTransaction = false;
			for (Future<RecordMetadata> send : sent) {
				RecordMetadata metadata = done(send);
				committedEnds.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset() + 1, Math::max);
			}
			sent.clear();
		}
		return positions.withTopicOffsets(asText(committedEnds));
	}

	@Override
	public void restore(OutputPositions positions) throws IOException {
		files.restore(positions);
		List<TopicPartition> partitions = readBack.partitionsFor(topic, Duration.ofSeconds(30)).stream()
				.map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
		if (partitions.isEmpty()) {
			throw new IllegalArgumentException("Kafka topic " + topic + " does not exist; create it, or check --actions-topic");
		}
		readBack.assign(partitions);
		for (TopicPartition partition : partitions) {
			Long saved = positions.topicOffsets().get(partition.toString());
			if (saved == null) {
				readBack.seekToBeginning(List.of(partition));
			} else {
				readBack.seek(partition, saved);
				committedEnds.put(partition, saved);
			}
		}
		readCommittedSinceCheckpoint(partitions);
	}

	/** The ids of actions a killed run committed to the topic after its last checkpoint. */
	private void readCommittedSinceCheckpoint(List<TopicPartition> partitions) throws IOException {
		Map<TopicPartition, Long> ends = readBack.endOffsets(partitions);
		while (partitions.stream().anyMatch(partition -> readBack.position(partition) < ends.get(partition))) {
			for (ConsumerRecord<byte[], byte[]> record : readBack.poll(Duration.ofMillis(200))) {
				JsonNode id = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8)).get("id");
				if (id != null) {
					alreadyInTopic.add(id.asText());
				}
			}
		}
		ends.forEach((partition, end) -> committedEnds.merge(partition, end, Math::max));
	}

	/** A send of a committed transaction: complete, and successful (else the commit would have failed). */
	private static RecordMetadata done(Future<RecordMetadata> send) throws IOException {
		try {
			return send.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while noting the actions topic's offsets", e);
		} catch (ExecutionException e) {
			throw new IOException("an action was not written to the actions topic: " + e.getCause().getMessage(), e);
		}
	}

	private static Map<String, Long> asText(Map<TopicPartition, Long> offsets) {
		Map<String, Long> text = new TreeMap<>();
		offsets.forEach((partition, offset) -> text.put(partition.toString(), offset));
		return text;
	}

	@Override
	public void close() throws IOException {
		try {
			if (inTransaction) {
				producer.abortTransaction();
				sent.clear();
			}
		} finally {
			producer.close(Duration.ofSeconds(5));
			readBack.close(Duration.ofSeconds(5));
			files.close();
		}
	}
}
