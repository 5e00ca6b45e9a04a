package io.itinera.cli;

import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.kafka.KafkaActionsOutput;
import io.itinera.runtime.kafka.KafkaConnection;
import io.itinera.runtime.kafka.KafkaEventSource;
import java.nio.file.Path;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/** {@code --kafka}: events from a Kafka topic instead of a file, and actions optionally to one ({@code run}, {@code flink}). */
final class KafkaOptions {
	@Option(names = "--kafka", paramLabel = "HOST:PORT", description = {
			"read the events live from Kafka (instead of --events): every partition of --events-topic,",
			"one event a record, until Ctrl-C; see docs/kafka.md" })
	String bootstrap;

	@Option(names = "--events-topic", paramLabel = "TOPIC", description = "with --kafka: the topic of events (JSON lines, "
			+ "or CSV lines with --format csv --columns)")
	String eventsTopic;

	@Option(names = "--group", paramLabel = "GROUP", description = "with --kafka: the consumer group. run commits the offsets "
			+ "it read to it, for lag monitoring (a restart resumes at the offsets of its checkpoint, not the group's); flink reads "
			+ "as it and names its transactions after it (default there: itinera)")
	String group;

	@Option(names = "--actions-topic", paramLabel = "TOPIC", description = {
			"with --kafka: also write the actions to this topic, in one transaction per checkpoint",
			"(key: customer, timestamp: the action's time); a read_committed consumer sees each once" })
	String actionsTopic;

	boolean used() {
		return bootstrap != null;
	}

	/** Refuses options that do not go together; the message names the option and the fix. */
	void validate(Path events, EventInputOptions input) {
		if (bootstrap == null) {
			if (events == null) {
				throw new IllegalArgumentException("Give the events: --events LOG (a file), or --kafka HOST:PORT --events-topic TOPIC.");
			}
			if (eventsTopic != null || group != null || actionsTopic != null) {
				throw new IllegalArgumentException("--events-topic, --group and --actions-topic go with --kafka HOST:PORT.");
			}
			return;
		}
		if (events != null) {
			throw new IllegalArgumentException("Give either --events LOG or --kafka HOST:PORT, not both.");
		}
		if (eventsTopic == null || eventsTopic.isBlank()) {
			throw new IllegalArgumentException("--kafka needs --events-topic TOPIC: the topic to read the events from.");
		}
		new KafkaConnection(bootstrap);
		input.validate();
	}

	/** What the run reads, for its name in the state and its summary. */
	String inputName() {
		return "Kafka topic " + eventsTopic;
	}

	KafkaEventSource open(EventInputOptions input, EventSchema schema) {
		KafkaConnection kafka = new KafkaConnection(bootstrap);
		try {
			input.recordParser(schema); // refuses options a topic cannot take before anything connects
			return new KafkaEventSource(kafka.consumer(group), eventsTopic, () -> input.recordParser(schema), group != null);
		} catch (KafkaException e) {
			throw unreachable(e);
		}
	}

	/** A client that could not start or reach the broker, said without a stack trace. */
	private IllegalArgumentException unreachable(KafkaException e) {
		return new IllegalArgumentException("Kafka at " + bootstrap + ": " + e.getMessage()
				+ "; check --kafka HOST:PORT and that the broker runs.");
	}

	/** {@code files}, and the actions also to {@code --actions-topic} when given. */
	RunOutput output(RunOutput files, Path stateDirectory, String runName, long checkpointMillis) {
		if (actionsTopic == null) {
			return files;
		}
		KafkaConnection kafka = new KafkaConnection(bootstrap);
		// one producer id per run state: a restart of the same run fences and aborts what the killed one left open
		String transactionalId = "itinera-" + actionsTopic + "-" + Integer.toHexString(
				(runName + "@" + stateDirectory.toAbsolutePath().normalize()).hashCode());
		try {
			return new KafkaActionsOutput(files, kafka.transactionalProducer(transactionalId, checkpointMillis),
					kafka.consumer(null), actionsTopic);
		} catch (KafkaException e) {
			throw unreachable(e);
		}
	}
}
