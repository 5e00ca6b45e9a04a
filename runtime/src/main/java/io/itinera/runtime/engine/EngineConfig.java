package io.itinera.runtime.engine;

/**
 * How the local engine runs.
 *
 * @param workers partition worker threads; each customer belongs to exactly one
 * @param queueChunks chunks of events buffered per worker before the reader waits (back-pressure)
 * @param chunkSize events handed to a worker at a time
 * @param barrierEveryLines output is ordered and may be committed every this many input lines
 * @param checkpointEveryMillis the least wall time between two durable checkpoints
 * @param scoreBatchSize the most rows one scorer call gets
 * @param scoreMaxWaitMicros how long a score request may wait for others to fill its batch
 * @param scoreSliceMillis on replay, scores asked for in one slice of event time are answered at its end
 * @param runName identifies the journey and input, so a state directory is not resumed with another input
 */
public record EngineConfig(
		int workers,
		TimeMode timeMode,
		int queueChunks,
		int chunkSize,
		long barrierEveryLines,
		long checkpointEveryMillis,
		int scoreBatchSize,
		long scoreMaxWaitMicros,
		long scoreSliceMillis,
		String runName) {

	public EngineConfig {
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1");
		}
		if (barrierEveryLines < 1 || chunkSize < 1 || queueChunks < 1 || scoreSliceMillis < 1) {
			throw new IllegalArgumentException("barrier interval, chunk size, queue size and score slice must be positive");
		}
	}

	public static EngineConfig defaults() {
		return new EngineConfig(Math.max(1, Runtime.getRuntime().availableProcessors()), TimeMode.EVENT_TIME, 16, 512,
				50_000, 2_000, 256, 2_000, 60_000, "run");
	}

	public EngineConfig withWorkers(int count) {
		return new EngineConfig(count, timeMode, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis,
				scoreBatchSize, scoreMaxWaitMicros, scoreSliceMillis, runName);
	}

	public EngineConfig withTimeMode(TimeMode mode) {
		return new EngineConfig(workers, mode, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis,
				scoreBatchSize, scoreMaxWaitMicros, scoreSliceMillis, runName);
	}

	public EngineConfig withBarrierEveryLines(long lines) {
		return new EngineConfig(workers, timeMode, queueChunks, chunkSize, lines, checkpointEveryMillis, scoreBatchSize,
				scoreMaxWaitMicros, scoreSliceMillis, runName);
	}

	public EngineConfig withCheckpointEveryMillis(long millis) {
		return new EngineConfig(workers, timeMode, queueChunks, chunkSize, barrierEveryLines, millis, scoreBatchSize,
				scoreMaxWaitMicros, scoreSliceMillis, runName);
	}

	public EngineConfig withScoring(int batchSize, long maxWaitMicros, long sliceMillis) {
		return new EngineConfig(workers, timeMode, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis,
				batchSize, maxWaitMicros, sliceMillis, runName);
	}

	public EngineConfig withRunName(String name) {
		return new EngineConfig(workers, timeMode, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis,
				scoreBatchSize, scoreMaxWaitMicros, scoreSliceMillis, name);
	}
}
