package io.itinera.runtime.io;

import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.io.IOException;
import java.util.List;

/** Where a run's actions, stage changes and dead letters go. */
public interface RunOutput extends AutoCloseable {
	/**
	 * One barrier's output; {@code notices} are the messages not simply sent (suppressed, held,
	 * released, dropped, lost: {@code suppressions.jsonl}).
	 */
	void write(List<ActionRecord> actions, List<StageChange> stageChanges, List<DeliveryNotice> notices,
			List<DeadLetter> deadLetters) throws IOException;

	/** Output without delivery notices. */
	default void write(List<ActionRecord> actions, List<StageChange> stageChanges, List<DeadLetter> deadLetters)
			throws IOException {
		write(actions, stageChanges, List.of(), deadLetters);
	}

	/**
	 * Hands what was written so far to the operating system, so that readers of the files see it
	 * (live inputs: after every barrier); not durable until {@link #sync()}.
	 */
	default void flush() throws IOException {
	}

	/** Makes everything written so far durable and says how far it reaches. */
	OutputPositions sync() throws IOException;

	/** Forgets whatever was written after {@code positions} (work a crashed run had not committed). */
	void restore(OutputPositions positions) throws IOException;

	@Override
	void close() throws IOException;

	/** An output that keeps nothing (benchmarks). */
	static RunOutput discard() {
		return new RunOutput() {
			@Override
			public void write(List<ActionRecord> actions, List<StageChange> stageChanges, List<DeliveryNotice> notices,
					List<DeadLetter> deadLetters) {
			}

			@Override
			public OutputPositions sync() {
				return OutputPositions.START;
			}

			@Override
			public void restore(OutputPositions positions) {
			}

			@Override
			public void close() {
			}
		};
	}
}
