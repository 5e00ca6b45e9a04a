package io.itinera.runtime.kafka;

import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.ReadOptions;
import io.itinera.runtime.text.Shown;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Events from every partition of one Kafka topic, one event a record (a JSON line, or a CSV line
 * with named columns), read with the same parser and mapping as a file. A live input: it never
 * ends, so the engine never ends a replay on it (no end-of-log timers); {@link #poll} says
 * {@link EventSource#NOTHING_YET} when nothing came. Where it stands is the next offset of each
 * partition ({@link #partitionOffsets()}), saved with the engine's checkpoints and sought on
 * restart: a new run starts at the beginning of every partition. Lines are the records read, in
 * the order read, counted across restarts. A record that cannot be read becomes a dead letter
 * naming its partition and offset.
 */
public final class KafkaEventSource implements EventSource {
	private static final long GROUP_COMMIT_EVERY_NANOS = 1_000_000_000L;
	/**
	 * A parser's plausible time window ends a skew after the moment it was made; a run that lasts for
	 * days takes a new one every hour, so that today's events are not "in the future".
	 */
	private static final long NEW_PARSER_EVERY_NANOS = 3_600_000_000_000L;

	private final String topic;
	private final KafkaConsumer<byte[], byte[]> consumer;
	private final Supplier<EventLineParser> parsers;
	private EventLineParser parser;
	private long parserMadeAt;
	private final boolean commitToGroup;
	private final Map<TopicPartition, Long> next = new HashMap<>();
	private Iterator<ConsumerRecord<byte[], byte[]>> buffered = java.util.Collections.emptyIterator();
	private long lineNumber;
	private long lastGroupCommit = System.nanoTime();
	/** In event-time order ({@link #inEventTimeOrder}): each partition's records read but not yet handed out; else null. */
	private Map<TopicPartition, java.util.ArrayDeque<Waiting>> waiting;

	/** A record taken from the consumer, parsed (its line number is given when it is handed out). */
	private record Waiting(ConsumerRecord<byte[], byte[]> record, SourceRecord read) {
		long time() {
			return read.event() == null ? Long.MIN_VALUE : read.event().at();
		}
	}

	/**
	 * @param consumer a consumer of byte keys and values, not subscribed; this source assigns it every
	 *        partition of {@code topic} and closes it
	 * @param parsers a new parser of one record (with its time window starting now), asked for again every hour
	 * @param commitToGroup also commit the offsets read to the consumer's group now and then, for
	 *        lag monitoring only: a restart resumes at the checkpoint's offsets
	 */
	public KafkaEventSource(KafkaConsumer<byte[], byte[]> consumer, String topic, Supplier<EventLineParser> parsers,
			boolean commitToGroup) {
		this.consumer = consumer;
		this.topic = topic;
		this.parsers = parsers;
		this.parser = parsers.get();
		this.parserMadeAt = System.nanoTime();
		this.commitToGroup = commitToGroup;
		List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.sorted(Comparator.comparingInt(TopicPartition::partition))
				.collect(Collectors.toList());
		if (partitions.isEmpty()) {
			throw new IllegalArgumentException("Kafka topic " + topic + " does not exist; create it, or check --events-topic");
		}
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
	}

	@Override
	public SourceRecord next() throws IOException {
		SourceRecord record;
		while ((record = poll(100)) == NOTHING_YET) {
			// a live topic: wait for the next record
		}
		return record;
	}

	/**
	 * Hands out the records merged across partitions by event time (a watermark over the partitions): the
	 * earliest of the partitions' next records, once every partition that has more to come (its lag, as last
	 * fetched) has one waiting; a partition that is caught up, or brings nothing within a poll, holds none back.
	 * For a split that learns its winner: when each partition is in time order (records keyed by customer,
	 * written in time order), the run crosses its epochs as a replay of the log sorted by time does. A
	 * checkpoint's offsets are those handed out, so a restart reads the waiting records again.
	 */
	public KafkaEventSource inEventTimeOrder(boolean merged) {
		if (merged) {
			waiting = new java.util.LinkedHashMap<>(); // in partition order: the earlier partition first at equal times
			consumer.assignment().stream().sorted(Comparator.comparingInt(TopicPartition::partition))
					.forEach(partition -> waiting.put(partition, new java.util.ArrayDeque<>()));
		}
		return this;
	}

	@Override
	public SourceRecord poll(long maxWaitMillis) throws IOException {
		if (waiting != null) {
			return pollInEventTimeOrder(maxWaitMillis);
		}
		if (!buffered.hasNext()) {
			try {
				buffered = consumer.poll(Duration.ofMillis(maxWaitMillis)).iterator();
			} catch (InterruptException e) {
				Thread.currentThread().interrupt();
				return NOTHING_YET;
			}
			commitToGroupNowAndThen();
			if (!buffered.hasNext()) {
				return NOTHING_YET;
			}
		}
		ConsumerRecord<byte[], byte[]> record = buffered.next();
		next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
		lineNumber++;
		return read(record);
	}

	private SourceRecord pollInEventTimeOrder(long maxWaitMillis) {
		boolean fetchedNothing = false;
		while (!fetchedNothing && waiting.entrySet().stream().anyMatch(partition -> partition.getValue().isEmpty()
				&& consumer.currentLag(partition.getKey()).orElse(1) > 0)) {
			try {
				var records = consumer.poll(Duration.ofMillis(maxWaitMillis));
				fetchedNothing = records.isEmpty();
				for (ConsumerRecord<byte[], byte[]> record : records) {
					waiting.get(new TopicPartition(record.topic(), record.partition())).add(new Waiting(record, read(record)));
				}
			} catch (InterruptException e) {
				Thread.currentThread().interrupt();
				return NOTHING_YET;
			}
		}
		commitToGroupNowAndThen();
		java.util.ArrayDeque<Waiting> earliest = null;
		for (java.util.ArrayDeque<Waiting> queue : waiting.values()) {
			if (!queue.isEmpty() && (earliest == null || queue.peek().time() < earliest.peek().time())) {
				earliest = queue;
			}
		}
		if (earliest == null) {
			return NOTHING_YET;
		}
		Waiting next = earliest.poll();
		this.next.put(new TopicPartition(next.record().topic(), next.record().partition()), next.record().offset() + 1);
		lineNumber++;
		SourceRecord read = next.read();
		return new SourceRecord(lineNumber, read.event(), read.deadLetter() == null ? null
				: new DeadLetter(lineNumber, read.deadLetter().reason(), read.deadLetter().raw()));
	}

	private SourceRecord read(ConsumerRecord<byte[], byte[]> record) {
		byte[] value = record.value();
		if (value == null || value.length == 0) {
			return bad(record, "an empty record (no value)", "");
		}
		if (value.length > ReadOptions.MAX_LINE_BYTES) {
			return bad(record, "longer than " + ReadOptions.MAX_LINE_BYTES + " bytes", new String(value, 0, Shown.MAX,
					StandardCharsets.UTF_8));
		}
		String line;
		try {
			line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString().strip();
		} catch (CharacterCodingException e) {
			return bad(record, "invalid UTF-8", new String(value, StandardCharsets.UTF_8));
		}
		if (line.indexOf('\0') >= 0) {
			return bad(record, "binary data (a NUL byte) in the record", line);
		}
		if (System.nanoTime() - parserMadeAt >= NEW_PARSER_EVERY_NANOS) {
			parser = parsers.get();
			parserMadeAt = System.nanoTime();
		}
		try {
			Event event = parser.parse(line);
			return new SourceRecord(lineNumber, event, null);
		} catch (BadLineException e) {
			return bad(record, e.getMessage(), line);
		} catch (RuntimeException e) {
			// a reader bug, not the user's: still only this record's
			return bad(record, "could not be read (" + e.getClass().getSimpleName() + ": "
					+ Shown.cut(String.valueOf(e.getMessage())) + ")", line);
		}
	}

	private SourceRecord bad(ConsumerRecord<byte[], byte[]> record, String reason, String raw) {
		String where = record.topic() + " partition " + record.partition() + " offset " + record.offset() + ": ";
		return new SourceRecord(lineNumber, null, new DeadLetter(lineNumber, where + reason, Shown.cut(raw)));
	}

	private void commitToGroupNowAndThen() {
		if (!commitToGroup || next.isEmpty() || System.nanoTime() - lastGroupCommit < GROUP_COMMIT_EVERY_NANOS) {
			return;
		}
		lastGroupCommit = System.nanoTime();
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		next.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
		consumer.commitAsync(offsets, null);
	}

	/** Records read so far (a Kafka input has no byte position). */
	@Override
	public long position() {
		return lineNumber;
	}

	@Override
	public long lineNumber() {
		return lineNumber;
	}

	@Override
	public void resumeAt(long position, long resumeLine) {
		lineNumber = resumeLine;
	}

	@Override
	public Map<String, Long> partitionOffsets() {
		Map<String, Long> offsets = new TreeMap<>();
		next.forEach((partition, offset) -> offsets.put(partition.toString(), offset));
		return offsets;
	}

	@Override
	public void resumeAtOffsets(Map<String, Long> offsets) {
		if (waiting != null) {
			waiting.values().forEach(java.util.ArrayDeque::clear);
		}
		for (TopicPartition partition : consumer.assignment()) {
			Long offset = offsets.get(partition.toString());
			if (offset != null) {
				consumer.seek(partition, offset);
				next.put(partition, offset);
			}
		}
	}

	@Override
	public long size() {
		return -1;
	}

	@Override
	public void close() {
		consumer.close(Duration.ofSeconds(5));
	}
}
