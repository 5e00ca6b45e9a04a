package io.itinera.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The job's output as JSON Lines under one directory: {@code actions/}, {@code stage-changes/}, {@code suppressions/},
 * {@code dead-letters/} and {@code split-weights/}, each a set of part files ({@code part-*.jsonl}) that Flink's FileSink
 * commits at checkpoints, so a restarted job neither loses nor repeats a line.
 */
final class JsonLinesFiles {
	private JsonLinesFiles() {
	}

	static FileSink<OutputRecord> sink(String directory) {
		return FileSink.<OutputRecord>forRowFormat(new Path(directory), (record, out) -> {
			out.write(record.json.getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}).withBucketAssigner(new ByKind()).withRollingPolicy(OnCheckpointRollingPolicy.build())
				.withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".jsonl").build()).build();
	}

	/** One folder per kind of output. */
	private static final class ByKind implements BucketAssigner<OutputRecord, String> {
		private static final long serialVersionUID = 1L;

		@Override
		public String getBucketId(OutputRecord record, Context context) {
			return record.kind;
		}

		@Override
		public SimpleVersionedSerializer<String> getSerializer() {
			return SimpleVersionedStringSerializer.INSTANCE;
		}
	}
}
