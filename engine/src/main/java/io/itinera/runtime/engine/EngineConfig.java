package io.itinera.runtime.engine;

import io.itinera.runtime.driver.DriverSettings;

/**
 * How the local engine runs.
 *
 * @param workers partition worker threads; each customer belongs to exactly one
 * @param queueChunks chunks of events buffered per worker before the reader waits (back-pressure)
 * @param chunkSize events handed to a worker at a time
 * @param barrierEveryLines output is ordered and may be committed every this many input lines
 * @param checkpointEveryMillis the least wall time between two durable checkpoints
 * @param driver time, lateness, scoring batches and customers kept in memory (per worker)
 * @param runName identifies the journey and input, so a state directory is not resumed with another input
 * @param flushEveryMillis live inputs: also a barrier (output written) at least this often while
 *        lines come or not, so actions of a growing input and of wall-clock timers go out within it;
 *        0: barriers by line count only
 * @param planJson the plan the run runs, as JSON, written to the state with the first checkpoint;
 *        null: not written
 * @param replayEnd a replay's end, epoch ms: events at or after it are skipped and timers due before it
 *        fire when the input ends (as {@code Simulator}'s {@code to}); null: the latest event time read
 */
public record EngineConfig(
		int workers,
		int queueChunks,
		int chunkSize,
		long barrierEveryLines,
		long checkpointEveryMillis,
		DriverSettings driver,
		String runName,
		long flushEveryMillis,
		String planJson,
		Long replayEnd) {

	public EngineConfig {
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1");
		}
		if (flushEveryMillis < 0) {
			throw new IllegalArgumentException("the flush interval cannot be negative");
		}
		if (barrierEveryLines < 1 || chunkSize < 1 || queueChunks < 1) {
			throw new IllegalArgumentException("barrier interval, chunk size and queue size must be positive");
		}
	}

	public static EngineConfig defaults() {
		return new EngineConfig(Math.max(1, Runtime.getRuntime().availableProcessors()), 16, 512, 50_000, 10_000,
				DriverSettings.replay(), "run", 0, null, null);
	}

	public EngineConfig withWorkers(int count) {
		return new EngineConfig(count, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis, driver, runName, flushEveryMillis, planJson, replayEnd);
	}

	public EngineConfig withBarrierEveryLines(long lines) {
		return new EngineConfig(workers, queueChunks, chunkSize, lines, checkpointEveryMillis, driver, runName, flushEveryMillis, planJson, replayEnd);
	}

	public EngineConfig withCheckpointEveryMillis(long millis) {
		return new EngineConfig(workers, queueChunks, chunkSize, barrierEveryLines, millis, driver, runName, flushEveryMillis, planJson, replayEnd);
	}

	public EngineConfig withDriver(DriverSettings settings) {
		return new EngineConfig(workers, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis, settings, runName, flushEveryMillis, planJson, replayEnd);
	}

	public EngineConfig withRunName(String name) {
		return new EngineConfig(workers, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis, driver, name, flushEveryMillis, planJson, replayEnd);
	}

	public EngineConfig withFlushEveryMillis(long millis) {
		return new EngineConfig(workers, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis, driver, runName, millis, planJson, replayEnd);
	}

	public EngineConfig withPlanJson(String json) {
		return new EngineConfig(workers, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis, driver, runName, flushEveryMillis, json, replayEnd);
	}

	public EngineConfig withReplayEnd(Long end) {
		return new EngineConfig(workers, queueChunks, chunkSize, barrierEveryLines, checkpointEveryMillis, driver, runName, flushEveryMillis, planJson, end);
	}

	/** Where the replay's last timers fire up to: just before {@link #replayEnd()}, else {@code latestEventAt}. */
	long finishAt(long latestEventAt) {
		return replayEnd == null ? latestEventAt : replayEnd - 1;
	}
}
