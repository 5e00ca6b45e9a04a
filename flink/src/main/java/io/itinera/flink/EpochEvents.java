package io.itinera.flink;

import org.apache.flink.runtime.operators.coordination.OperatorEvent;

/**
 * What the journey operator's subtasks and their {@link EpochCoordinator} tell each other about the
 * epochs of the splits that learn their winner ({@link LearningEpochs}). A round is the start (its
 * round is {@link #START}) or an epoch boundary B (epoch ms).
 */
final class EpochEvents {
	/** The round that finds the time of the input's first event, which fixes every split's first epoch. */
	static final long START = Long.MIN_VALUE;

	private EpochEvents() {
	}

	/**
	 * A subtask's part of a round: its watermark has passed the round (B - 1) and every input of its
	 * customers before B is applied. Counts are per learning split (the plan's order) and arm, all the
	 * subtask's outcomes so far; event times are those of the events it received (Long.MAX_VALUE /
	 * Long.MIN_VALUE: none); {@code last}: its watermark is the end of the input.
	 */
	record Report(int subtask, long round, long watermark, long[][] exposures, long[][] conversions, long firstEventAt,
			long lastEventAt, boolean last) implements OperatorEvent {
	}

	/** What every subtask of a round does next. */
	enum Kind {
		/** The input starts at {@code at}: the splits' first epochs are fixed. */
		START,
		/** The weights of the epoch starting at the round are computed from the summed counts. */
		PUBLISH,
		/** No input comes at or after the round: the learning is over, the rest runs on the weights it has. */
		END,
		/** Not known yet (an event may still come): report the round again at the next watermark. */
		UNDECIDED
	}

	/** The coordinator's answer to a round, the same to every subtask. */
	record Decision(long round, Kind kind, long at, long[][] exposures, long[][] conversions) implements OperatorEvent {
	}
}
