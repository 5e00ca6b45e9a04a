package io.itinera.flink;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's graph: lines (files or a Kafka topic) → events (parsed as {@code run} parses a JSON Lines
 * log; bad lines to the dead letters) → keyed by customer → {@link JourneyOperator} → JSON Lines
 * files and/or Kafka topics (suppressions to the files only). Operator ids are fixed, so savepoints
 * restore across versions and parallelisms.
 */
public final class JourneyJob {
	/** Customers' key groups: fixed, so a savepoint resumes at any parallelism up to this. */
	public static final int MAX_PARALLELISM = 1024;
	/** A live partition (or watched folder) without input this long no longer holds the watermark back. */
	private static final Duration IDLE_AFTER = Duration.ofSeconds(5);
	private JourneyJob() {
	}

	/**
	 * Where the events come from: log files (read once), a folder watched for new files, or a Kafka
	 * topic; {@code numbersCarried}: the files are a log's copy in time order whose lines carry their
	 * numbers ({@link NumberedLineFormat}); {@code parsed}: the file is a log as its first pass read it ({@link ParsedLog}).
	 */
	public record Input(List<String> files, String watchDirectory, String kafkaBootstrap, String topic, String groupId,
			boolean numbersCarried, boolean parsed) {
		public static Input files(List<String> files) {
			return new Input(files, null, null, null, null, false, false);
		}

		/** A log's copy in time order ({@link ReplayInput}). */
		public static Input sortedCopy(String file) {
			return new Input(List.of(file), null, null, null, null, true, false);
		}

		/** A log in order as its first pass read it ({@link ReplayInput}). */
		static Input parsedCopy(String file) {
			return new Input(List.of(file), null, null, null, null, true, true);
		}

		public static Input watching(String directory) {
			return new Input(List.of(), directory, null, null, null, false, false);
		}

		public static Input kafka(String bootstrap, String topic, String groupId) {
			return new Input(List.of(), null, bootstrap, topic, groupId, false, false);
		}

		/** Files read once (a replay), not a topic or a watched folder. */
		boolean bounded() {
			return topic == null && watchDirectory == null;
		}
	}

	/** Where the output goes: a directory of JSON Lines part files, Kafka topics, or both. */
	public record Output(String directory, KafkaTopics.Outputs kafka) {
		public static Output directory(String directory) {
			return new Output(directory, null);
		}

		public static Output kafka(String bootstrap, String actions, String stageChanges, String deadLetters, String transactionPrefix) {
			return new Output(null, new KafkaTopics.Outputs(bootstrap, actions, stageChanges, deadLetters, transactionPrefix));
		}
	}

	/** Adds the job to {@code env}; the caller sets parallelism, checkpointing and runs it. */
	public static void build(StreamExecutionEnvironment env, JobSettings settings, Input input, Output output) {
		build(lines(env, input, settings), settings, output, null, new byte[16], EventTime.of(input));
	}

	/** The job with an erasure path ({@link ErasureRequests}); {@code erasures} may be null (none). */
	public static void build(StreamExecutionEnvironment env, JobSettings settings, Input input, Output output,
			ErasureRequests erasures) {
		build(lines(env, input, settings), settings, output, erasures == null ? null : erasures.stream(env),
				erasures == null ? new byte[16] : erasures.saltBytes(), EventTime.of(input));
	}

	/** The job over a Kafka source's lines already in the graph, with their watermarks (tests put a failure in front of it). */
	static void build(DataStream<NumberedLine> lines, JobSettings settings, Output output) {
		build(lines, settings, output, null, new byte[16], EventTime.AT_SOURCE);
	}

	/** A replay's job over lines already in the graph (tests put a failure in front of it). */
	static void buildReplay(DataStream<NumberedLine> lines, JobSettings settings, Output output) {
		build(lines, settings, output, null, new byte[16], EventTime.AFTER_PARSING_REPLAY);
	}

	/**
	 * Where the watermarks are made. A Kafka source makes one per partition (split) and emits the
	 * least of its partitions': a subtask reading several partitions of a backlog, a partition's
	 * batch at a time, does not run ahead of the others' events. A file source's lines get them after
	 * parsing, per subtask.
	 */
	private enum EventTime {
		AT_SOURCE, AFTER_PARSING_REPLAY, AFTER_PARSING_LIVE;

		static EventTime of(Input input) {
			return input.topic() != null ? AT_SOURCE : input.bounded() ? AFTER_PARSING_REPLAY : AFTER_PARSING_LIVE;
		}
	}

	/**
	 * Watermarks trailing the latest event time by the lateness. A live source's idle partitions (or
	 * folder) must not hold time back. A file replay's must: a reader that paused (GC, a loaded
	 * machine) would be marked idle and the finished readers' end of time would pass it, firing its
	 * customers' timers before their own later events.
	 */
	private static <T> WatermarkStrategy<T> eventTime(JobSettings settings, SerializableTimestampAssigner<T> time, boolean live) {
		WatermarkStrategy<T> strategy = WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofMillis(settings.latenessMillis()))
				.withTimestampAssigner(time);
		return live ? strategy.withIdleness(IDLE_AFTER) : strategy;
	}

	private static void build(DataStream<NumberedLine> lines, JobSettings settings, Output output, DataStream<EventRecord> erasures,
			byte[] erasureSalt, EventTime where) {
		SingleOutputStreamOperator<EventRecord> events = lines.process(new EventParsing(settings), OutputTypes.EVENT)
				.uid("parse").name("parse events");
		DataStream<EventRecord> timed = where == EventTime.AT_SOURCE ? events
				: events.assignTimestampsAndWatermarks(eventTime(settings, (EventRecord event, long previous) -> event.at,
						where == EventTime.AFTER_PARSING_LIVE)).uid("watermarks").name("event time");
		DataStream<EventRecord> toCustomers = erasures == null ? timed : timed.union(erasures);
		boolean learns = JobJourneys.learns(settings, where != EventTime.AFTER_PARSING_LIVE && !settings.wallClock());
		KeyedStream<EventRecord, String> byCustomer = toCustomers.keyBy(EventRecord::getCustomerId, Types.STRING);
		DataStream<OutputRecord> results = (learns
				? byCustomer.transform("journey", OutputTypes.OUTPUT, new LearningOperatorFactory(settings, erasureSalt))
				: byCustomer.transform("journey", OutputTypes.OUTPUT, new JourneyOperator(settings, erasureSalt))).uid("journey")
				.setMaxParallelism(MAX_PARALLELISM);
		DataStream<OutputRecord> unreadLines = events.getSideOutput(EventParsing.DEAD_LETTERS);
		if (output.directory() != null) {
			// The journey's output goes to a sink of its own, chained to the operator (no record crosses
			// a task boundary on its way out); the lines the parser refused to another, in the same folders.
			results.sinkTo(JsonLinesFiles.sink(output.directory())).uid("files").name("JSON Lines files");
			unreadLines.sinkTo(JsonLinesFiles.sink(output.directory())).uid("dead-letter-files").name("unread lines");
		}
		if (output.kafka() != null) {
			boolean withStageChanges = output.kafka().stageChanges() != null;
			DataStream<OutputRecord> toKafka = results.union(unreadLines).filter(record -> !OutputRecord.SUPPRESSION.equals(record.kind)
					&& !OutputRecord.SPLIT_WEIGHTS.equals(record.kind)
					&& (withStageChanges || !OutputRecord.STAGE_CHANGE.equals(record.kind))).uid("to-kafka");
			toKafka.sinkTo(KafkaTopics.sink(output.kafka())).uid("kafka").name("Kafka topics");
		}
	}

	static DataStream<NumberedLine> lines(StreamExecutionEnvironment env, Input input, JobSettings settings) {
		if (input.topic() != null) {
			// A line that is not an event (a dead letter) has no time and moves no watermark.
			return env.fromSource(KafkaTopics.events(input.kafkaBootstrap(), input.topic(), input.groupId(), settings),
					eventTime(settings, (NumberedLine line, long previous) -> line.event == null ? Long.MIN_VALUE : line.event.at, true),
					"Kafka events").uid("source");
		}
		FileSource.FileSourceBuilder<NumberedLine> files;
		if (input.watchDirectory() != null) {
			files = FileSource.forRecordStreamFormat(new NumberedLineFormat(), new Path(input.watchDirectory()))
					.monitorContinuously(Duration.ofMillis(200));
		} else if (input.parsed()) {
			files = FileSource.forRecordStreamFormat(new ParsedLog.Format(), new Path(input.files().get(0)));
		} else {
			files = FileSource.forRecordStreamFormat(new NumberedLineFormat(input.numbersCarried()),
					input.files().stream().map(Path::new).toArray(Path[]::new));
		}
		return env.fromSource(files.build(), WatermarkStrategy.noWatermarks(), "event log").uid("source");
	}
}
