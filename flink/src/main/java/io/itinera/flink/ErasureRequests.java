package io.itinera.flink;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's erasure path: requests to erase customers, one id a line, from a file (read once, for a
 * replay), a folder watched for new files, or a Kafka control topic (one id a record). Each becomes an
 * {@link EventRecord#erasure} keyed by the id, so it reaches the customer's operator like their events.
 * The stream carries no event time: it goes idle between requests, so it never holds the watermark back
 * for long. {@code salt}: the salt of the job's list of erased customers, hex (a restored job keeps its
 * savepoint's).
 */
public record ErasureRequests(String file, String watchDirectory, String kafkaBootstrap, String topic, String groupId, String salt)
		implements Serializable {

	public static ErasureRequests file(String file) {
		return new ErasureRequests(file, null, null, null, null, newSalt());
	}

	public static ErasureRequests watching(String directory) {
		return new ErasureRequests(null, directory, null, null, null, newSalt());
	}

	public static ErasureRequests kafka(String bootstrap, String topic, String groupId) {
		return new ErasureRequests(null, null, bootstrap, topic, groupId, newSalt());
	}

	public ErasureRequests withSalt(String hex) {
		return new ErasureRequests(file, watchDirectory, kafkaBootstrap, topic, groupId, hex);
	}

	/**
	 * The erasure path the job's arguments ask for ({@code --erasures FILE|DIR}, {@code --erasure-topic T}
	 * on the job's {@code --kafka}, {@code --erasure-salt HEX}), or null for none.
	 */
	static ErasureRequests parse(String[] args, String kafkaBootstrap, String groupId) {
		String path = null, topic = null, salt = null;
		for (int i = 0; i + 1 < args.length; i++) {
			switch (args[i]) {
			case "--erasures" -> path = args[++i];
			case "--erasure-topic" -> topic = args[++i];
			case "--erasure-salt" -> salt = args[++i];
			default -> {
			}
			}
		}
		if (path != null && topic != null) {
			throw new IllegalArgumentException("give one erasure path: --erasures FILE|DIR or --erasure-topic T");
		}
		if (topic != null && kafkaBootstrap == null) {
			throw new IllegalArgumentException("--erasure-topic needs --kafka HOST:PORT");
		}
		ErasureRequests requests = topic != null ? kafka(kafkaBootstrap, topic, groupId + "-erasures")
				: path == null ? null : java.nio.file.Files.isDirectory(java.nio.file.Path.of(path)) ? watching(path) : file(path);
		if (requests != null && salt != null) {
			if (!salt.matches("(?i)[0-9a-f]{32}")) {
				throw new IllegalArgumentException("--erasure-salt " + salt + ": give 32 hex digits (16 bytes)");
			}
			requests = requests.withSalt(salt);
		}
		return requests;
	}

	byte[] saltBytes() {
		return HexFormat.of().parseHex(salt);
	}

	private static String newSalt() {
		byte[] salt = new byte[16];
		new SecureRandom().nextBytes(salt);
		return HexFormat.of().formatHex(salt);
	}

	DataStream<EventRecord> stream(StreamExecutionEnvironment env) {
		DataStream<NumberedLine> lines;
		if (topic != null) {
			lines = env.fromSource(KafkaTopics.source(kafkaBootstrap, topic, groupId), WatermarkStrategy.noWatermarks(),
					"Kafka erasure requests").uid("erasure-source");
		} else {
			FileSource.FileSourceBuilder<NumberedLine> files = watchDirectory != null
					? FileSource.forRecordStreamFormat(new NumberedLineFormat(), new Path(watchDirectory))
							.monitorContinuously(Duration.ofMillis(200))
					: FileSource.forRecordStreamFormat(new NumberedLineFormat(), new Path(file));
			lines = env.fromSource(files.build(), WatermarkStrategy.noWatermarks(), "erasure requests").uid("erasure-source");
		}
		return lines.filter(line -> !line.text.isBlank() && !line.text.strip().startsWith("#")).uid("erasure-lines")
				.map(line -> EventRecord.erasure(line.text.strip()), OutputTypes.EVENT).uid("erasure-requests")
				.name("erasure requests")
				.assignTimestampsAndWatermarks(WatermarkStrategy.<EventRecord>forMonotonousTimestamps()
						.withTimestampAssigner((request, previous) -> request.at).withIdleness(Duration.ofSeconds(1)))
				.uid("erasure-time");
	}
}
