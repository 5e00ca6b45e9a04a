package io.itinera.runtime.io;

import java.util.Map;

/**
 * How many bytes of each output file belong to committed work: a restart truncates to these. An
 * output to a Kafka topic also keeps, per partition ("topic-partition"), the offset after its last
 * committed transaction ({@code topicOffsets}): a restart reads what was committed after it.
 */
public record OutputPositions(long actions, long stageChanges, long deadLetters, long suppressions, Map<String, Long> topicOffsets) {
	public static final OutputPositions START = new OutputPositions(0, 0, 0, 0);

	public OutputPositions {
		// absent in progress records written before topic outputs
		topicOffsets = topicOffsets == null ? Map.of() : Map.copyOf(topicOffsets);
	}

	/** Positions of an output without topics. */
	public OutputPositions(long actions, long stageChanges, long deadLetters, long suppressions) {
		this(actions, stageChanges, deadLetters, suppressions, Map.of());
	}

	/** Positions of an output without suppressions or topics (and of progress records written before they were kept). */
	public OutputPositions(long actions, long stageChanges, long deadLetters) {
		this(actions, stageChanges, deadLetters, 0);
	}

	public OutputPositions withTopicOffsets(Map<String, Long> offsets) {
		return new OutputPositions(actions, stageChanges, deadLetters, suppressions, offsets);
	}
}
