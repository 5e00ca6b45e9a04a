package io.itinera.flink;

import io.itinera.runtime.delivery.ArmLearner;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.step.ArmOutcome;
import io.itinera.runtime.step.StepResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One subtask's side of the splits that learn their winner ({@code auto winner by goal}), what
 * {@link SplitEpochs} is to {@code run}: the weights of the epoch starting at B must come from the
 * outcomes of every customer's inputs before B, on every subtask, and no input at or after B may be
 * stepped before they are known. So the subtask
 * <ul>
 * <li>holds back its events at or after the next boundary B (the operator keeps them in keyed state)
 * and its watermark at B - 1 (timers due at or after B wait too);</li>
 * <li>once its watermark passes B - 1 and its inputs before B are applied, reports its counts of arm
 * outcomes to the {@link EpochCoordinator}, which answers every subtask alike once all reported
 * ({@link EpochEvents});</li>
 * <li>on a {@code PUBLISH}, computes B's weights from the summed counts ({@link ArmLearner}, a pure
 * function, so every subtask computes the same), publishes them on the board its steps read, and
 * goes on with the events and timers up to the next boundary. Subtask 0 emits the epoch's lines of
 * {@value SplitEpochs#FILE}.</li>
 * </ul>
 * Before the start (the time of the input's first event, found by a round of its own) every event
 * is held. State: what was decided (the same on every subtask; restored as the most advanced any
 * subtask had, as the coordinator sends a decision to all at once) and the subtask's own counts
 * (summed on restore: counts survive rescaling).
 */
final class LearningEpochs {
	/** What the operator does for the epochs. */
	interface Subtask {
		/** Steps the events held back before {@code bound}, in the order they came. */
		void stepHeldBefore(long bound);

		/** Fires what is due by {@code time} (the driver's timers and held events), scoring until no customer waits. */
		void advanceTo(long time);

		void send(EpochEvents.Report report);

		void emit(OutputRecord line);
	}

	/** Each learning split's journey and the board that journey's steps read (a workspace has several). */
	private final List<String> journeys = new ArrayList<>();
	private final List<Split> splits = new ArrayList<>();
	private final List<SplitWeights.Board> boards = new ArrayList<>();
	private final int subtask;
	private final long replayEnd;
	private final Subtask host;

	// decided: the same on every subtask
	private int decisions;
	private EpochEvents.Kind lastKind;
	private long lastRound;
	private boolean started;
	private boolean ended;
	private final long[] next;
	private final int[] epochs;
	private final ArmLearner.Weights[] weights;
	private final long[][] exposuresAtLast;
	private final long[][] conversionsAtLast;

	// this subtask's own
	private final long[][] exposures;
	private final long[][] conversions;
	private long firstEventAt = Long.MAX_VALUE;
	private long lastEventAt = Long.MIN_VALUE;

	// not in checkpoints
	private long watermark = Long.MIN_VALUE;
	private boolean awaiting;
	private long undecidedAt = Long.MIN_VALUE;

	/** @param boards each journey's board of split weights, in the order {@link SplitEpochs#of} takes them (one journey or a workspace's) */
	LearningEpochs(Map<JourneyPlan, SplitWeights.Board> boards, int subtask, long replayEnd, Subtask host) {
		boards.forEach((plan, board) -> {
			for (Split split : plan.splits()) {
				if (split.learns()) {
					journeys.add(plan.name());
					splits.add(split);
					this.boards.add(board);
				}
			}
		});
		this.subtask = subtask;
		this.replayEnd = replayEnd;
		this.host = host;
		int n = splits.size();
		next = new long[n];
		epochs = new int[n];
		weights = new ArmLearner.Weights[n];
		exposuresAtLast = new long[n][];
		conversionsAtLast = new long[n][];
		exposures = new long[n][];
		conversions = new long[n][];
		for (int s = 0; s < n; s++) {
			int arms = splits.get(s).arms().size();
			exposures[s] = new long[arms];
			conversions[s] = new long[arms];
			exposuresAtLast[s] = new long[arms];
			conversionsAtLast[s] = new long[arms];
			weights[s] = SplitEpochs.starting(splits.get(s));
		}
	}

	/** Whether an event at {@code at} must wait for the weights of its epoch (or for the start). */
	boolean holds(long at) {
		return !ended && (!started || at >= nextBoundary());
	}

	/** An event the subtask received (and keeps: not after the replay's end). */
	void received(long at) {
		firstEventAt = Math.min(firstEventAt, at);
		lastEventAt = Math.max(lastEventAt, at);
	}

	/** How far the subtask's timers may go: before the next boundary whose weights are not known. */
	long cap() {
		return ended ? Long.MAX_VALUE : started ? nextBoundary() - 1 : Long.MIN_VALUE;
	}

	boolean ended() {
		return ended;
	}

	/** Whether the watermark says the input has ended (a job stopped without draining never gets there). */
	boolean inputEnded() {
		return watermark == Long.MAX_VALUE;
	}

	/** Counts what a step reported. */
	void count(StepResult result) {
		for (ArmOutcome outcome : result.armOutcomes()) {
			for (int s = 0; s < splits.size(); s++) {
				Split split = splits.get(s);
				if (split.name().equals(outcome.split()) && journeys.get(s).equals(outcome.journey())) {
					for (int a = 0; a < split.arms().size(); a++) {
						if (split.arms().get(a).label().equals(outcome.arm())) {
							(outcome.conversion() ? conversions : exposures)[s][a]++;
						}
					}
				}
			}
		}
	}

	/** The operator's watermark: timers go as far as the cap, and the subtask reports the round it passed. */
	void onWatermark(long mark) {
		watermark = Math.max(watermark, mark);
		goOn();
	}

	void onDecision(EpochEvents.Decision decision) {
		if (!awaiting || decision.round() != round()) {
			return; // an answer to an earlier attempt's report
		}
		awaiting = false;
		switch (decision.kind()) {
		case UNDECIDED -> {
			undecidedAt = watermark;
			goOn();
			return;
		}
		default -> decided(decision.kind(), decision.round());
		}
		switch (decision.kind()) {
		case START -> start(decision.at());
		case PUBLISH -> publish(decision.round(), decision.exposures(), decision.conversions());
		default -> ended = true;
		}
		host.stepHeldBefore(ended ? Long.MAX_VALUE : nextBoundary());
		goOn();
	}

	private void decided(EpochEvents.Kind kind, long round) {
		decisions++;
		lastKind = kind;
		lastRound = round;
	}

	private void start(long firstEvent) {
		started = true;
		for (int s = 0; s < splits.size(); s++) {
			long every = splits.get(s).autoWinner().everyMillis();
			next[s] = Math.floorDiv(firstEvent, every) * every + every;
		}
		if (subtask == 0) {
			emitLines();
		}
	}

	private void publish(long boundary, long[][] summedExposures, long[][] summedConversions) {
		for (int s = 0; s < splits.size(); s++) {
			if (next[s] != boundary) {
				continue;
			}
			Split split = splits.get(s);
			weights[s] = ArmLearner.weigh(journeys.get(s), split, boundary, summedExposures[s], summedConversions[s], weights[s]);
			exposuresAtLast[s] = summedExposures[s].clone();
			conversionsAtLast[s] = summedConversions[s].clone();
			epochs[s]++;
			next[s] = boundary + split.autoWinner().everyMillis();
			SplitWeights.Board board = boards.get(s);
			board.publish(board.current().with(boundary, journeys.get(s), split.name(), weights[s].weights()));
		}
		if (subtask == 0) {
			emitLines();
		}
	}

	/** After a restore, the board the steps read: each split's latest weights (a split not yet past its first boundary has none). */
	private void boardFromWeights() {
		for (int s = 0; s < splits.size(); s++) {
			if (epochs[s] > 0) {
				long every = splits.get(s).autoWinner().everyMillis();
				SplitWeights.Board board = boards.get(s);
				board.publish(board.current().with(next[s] - every, journeys.get(s), splits.get(s).name(), weights[s].weights()));
			}
		}
	}

	/** Subtask 0's lines of the latest decision: the splits whose epoch it started. */
	private void emitLines() {
		for (int s = 0; s < splits.size(); s++) {
			Split split = splits.get(s);
			long epochStart = next[s] - split.autoWinner().everyMillis();
			if (lastKind == EpochEvents.Kind.PUBLISH && epochStart != lastRound) {
				continue;
			}
			String journey = journeys.get(s);
			for (String line : SplitEpochs.epochLines(journey, split, epochStart, exposuresAtLast[s], conversionsAtLast[s], weights[s])) {
				host.emit(new OutputRecord(OutputRecord.SPLIT_WEIGHTS, journey + "/" + split.name(), epochStart, line));
			}
		}
	}

	/** The timers up to the cap, then the report of the round the watermark passed, if one is due. */
	private void goOn() {
		if (started || ended) {
			host.advanceTo(Math.min(watermark, cap()));
		}
		if (ended || awaiting || watermark == Long.MIN_VALUE) {
			return;
		}
		if (started && nextBoundary() > replayEnd) {
			ended = true; // no input at or after the boundary is stepped: every subtask knows it alike
			decided(EpochEvents.Kind.END, nextBoundary());
			host.stepHeldBefore(Long.MAX_VALUE);
			host.advanceTo(watermark);
			return;
		}
		long round = round();
		boolean passed = !started || watermark >= round - 1;
		if (!passed || (watermark <= undecidedAt && watermark != Long.MAX_VALUE)) {
			return;
		}
		awaiting = true;
		host.send(new EpochEvents.Report(subtask, round, watermark, copy(exposures), copy(conversions), firstEventAt, lastEventAt,
				watermark == Long.MAX_VALUE));
	}

	private long round() {
		return started ? nextBoundary() : EpochEvents.START;
	}

	private long nextBoundary() {
		long earliest = Long.MAX_VALUE;
		for (long boundary : next) {
			earliest = Math.min(earliest, boundary);
		}
		return earliest;
	}

	private static long[][] copy(long[][] counts) {
		long[][] copy = new long[counts.length][];
		for (int s = 0; s < counts.length; s++) {
			copy[s] = counts[s].clone();
		}
		return copy;
	}

	// --- state

	/** What was decided, with the subtask's index: every subtask restores all of them (a union). */
	byte[] decidedBytes() {
		return bytes(out -> {
			out.writeInt(subtask);
			out.writeInt(decisions);
			out.writeUTF(lastKind == null ? "" : lastKind.name());
			out.writeLong(lastRound);
			out.writeBoolean(started);
			out.writeBoolean(ended);
			for (int s = 0; s < splits.size(); s++) {
				out.writeLong(next[s]);
				out.writeInt(epochs[s]);
				out.writeBoolean(weights[s].stopped());
				out.writeUTF(weights[s].leader() == null ? "" : weights[s].leader());
				for (double weight : weights[s].weights()) {
					out.writeDouble(weight);
				}
				writeCounts(out, exposuresAtLast[s]);
				writeCounts(out, conversionsAtLast[s]);
			}
		});
	}

	/** This subtask's counts and event times: a rescaled job's subtasks sum those they are given. */
	byte[] countBytes() {
		return bytes(out -> {
			out.writeLong(firstEventAt);
			out.writeLong(lastEventAt);
			for (int s = 0; s < splits.size(); s++) {
				writeCounts(out, exposures[s]);
				writeCounts(out, conversions[s]);
			}
		});
	}

	/**
	 * After a restore: the most advanced of the subtasks' decisions (they differ by at most the one the
	 * coordinator was sending), the counts given to this subtask summed; subtask 0 emits the lines of a
	 * decision the former subtask 0 had not yet had.
	 */
	void restore(List<byte[]> decided, List<byte[]> counts) {
		int formerFirstDecisions = -1;
		byte[] best = null;
		int bestDecisions = -1;
		for (byte[] entry : decided) {
			int[] head = read(entry, in -> new int[] { in.readInt(), in.readInt() });
			if (head[0] == 0) {
				formerFirstDecisions = head[1];
			}
			if (head[1] > bestDecisions) {
				bestDecisions = head[1];
				best = entry;
			}
		}
		if (best != null) {
			readDecided(best);
			boardFromWeights();
			if (subtask == 0 && decisions > formerFirstDecisions && lastKind != EpochEvents.Kind.END) {
				emitLines();
			}
		}
		for (byte[] entry : counts) {
			read(entry, in -> {
				firstEventAt = Math.min(firstEventAt, in.readLong());
				lastEventAt = Math.max(lastEventAt, in.readLong());
				for (int s = 0; s < splits.size(); s++) {
					addCounts(in, exposures[s]);
					addCounts(in, conversions[s]);
				}
				return null;
			});
		}
	}

	private void readDecided(byte[] entry) {
		read(entry, in -> {
			in.readInt();
			decisions = in.readInt();
			String kind = in.readUTF();
			lastKind = kind.isEmpty() ? null : EpochEvents.Kind.valueOf(kind);
			lastRound = in.readLong();
			started = in.readBoolean();
			ended = in.readBoolean();
			for (int s = 0; s < splits.size(); s++) {
				next[s] = in.readLong();
				epochs[s] = in.readInt();
				boolean stopped = in.readBoolean();
				String leader = in.readUTF();
				double[] w = new double[splits.get(s).arms().size()];
				for (int a = 0; a < w.length; a++) {
					w[a] = in.readDouble();
				}
				weights[s] = new ArmLearner.Weights(w, stopped, leader.isEmpty() ? null : leader);
				exposuresAtLast[s] = new long[w.length];
				conversionsAtLast[s] = new long[w.length];
				addCounts(in, exposuresAtLast[s]);
				addCounts(in, conversionsAtLast[s]);
			}
			return null;
		});
	}

	private static void writeCounts(DataOutputStream out, long[] counts) throws IOException {
		for (long count : counts) {
			out.writeLong(count);
		}
	}

	private static void addCounts(DataInputStream in, long[] counts) throws IOException {
		for (int a = 0; a < counts.length; a++) {
			counts[a] += in.readLong();
		}
	}

	private interface Writing {
		void to(DataOutputStream out) throws IOException;
	}

	private interface Reading<T> {
		T from(DataInputStream in) throws IOException;
	}

	private static byte[] bytes(Writing writing) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			writing.to(out);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static <T> T read(byte[] bytes, Reading<T> reading) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			return reading.from(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
