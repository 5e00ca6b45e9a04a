package io.itinera.runtime.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.delivery.ArmLearner;
import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.step.ArmOutcome;
import io.itinera.runtime.step.StepResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A host's side of the splits that learn their winner ({@code auto winner by goal}): it sums the arm
 * outcomes the steps report and, at each epoch boundary B of event time (multiples of the split's
 * {@code every} since 1970-01-01 UTC), has every customer's inputs before B applied (the host's
 * {@code advanceAllBefore}, as a watermark would) and then publishes the weights {@link ArmLearner}
 * computes from the counts, for every step to read. So the weights of an epoch depend on the inputs
 * before it only, never on how customers are interleaved or split over workers. Each epoch's weights
 * go to {@code split-weights.jsonl} as one line per arm.
 */
public final class SplitEpochs {
	/** The file each epoch's weights are written to, in a run's or simulation's output folder. */
	public static final String FILE = "split-weights.jsonl";
	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<Learning> splits = new ArrayList<>();
	private final Consumer<String> lines;
	private long nextBoundary = Long.MIN_VALUE;
	/** Lines written to {@value #FILE} so far (a resumed run keeps that many of the file). */
	private long linesWritten;

	/** One learning split: its counts so far and its weights now. */
	private static final class Learning {
		final String journey;
		final Split split;
		final SplitWeights.Board board;
		final long[] exposures;
		final long[] conversions;
		ArmLearner.Weights weights;
		long nextBoundary;
		long publishedAt = Long.MIN_VALUE;
		int epochs;
		long stoppedAt = Long.MIN_VALUE;

		Learning(String journey, Split split, SplitWeights.Board board) {
			this.journey = journey;
			this.split = split;
			this.board = board;
			this.exposures = new long[split.arms().size()];
			this.conversions = new long[split.arms().size()];
		}

		int arm(String label) {
			for (int a = 0; a < split.arms().size(); a++) {
				if (split.arms().get(a).label().equals(label)) {
					return a;
				}
			}
			return -1;
		}
	}

	private SplitEpochs(Consumer<String> lines) {
		this.lines = lines;
	}

	/**
	 * The learning splits of {@code boards}' journeys (each journey's board, which its steps read); null
	 * when none of them has one, so a host costs nothing more for other journeys.
	 *
	 * @param lines where each epoch's lines of {@value #FILE} go
	 */
	public static SplitEpochs of(Map<JourneyPlan, SplitWeights.Board> boards, Consumer<String> lines) {
		SplitEpochs epochs = new SplitEpochs(lines);
		boards.forEach((plan, board) -> {
			for (Split split : plan.splits()) {
				if (split.learns()) {
					epochs.splits.add(new Learning(plan.name(), split, board));
				}
			}
		});
		return epochs.splits.isEmpty() ? null : epochs;
	}

	/** Whether some journey of {@code plans} has a split that learns its winner. */
	public static boolean learns(List<JourneyPlan> plans) {
		return plans.stream().anyMatch(plan -> plan.splits().stream().anyMatch(Split::learns));
	}

	/** Counts what a step reported (the workers of a run count at once; the sums do not depend on their order). */
	public synchronized void count(StepResult result) {
		for (ArmOutcome outcome : result.armOutcomes()) {
			for (Learning learning : splits) {
				if (learning.split.name().equals(outcome.split()) && learning.journey.equals(outcome.journey())) {
					int arm = learning.arm(outcome.arm());
					if (arm >= 0) {
						(outcome.conversion() ? learning.conversions : learning.exposures)[arm]++;
					}
				}
			}
		}
	}

	/**
	 * Before an input at {@code time}: for each epoch boundary B up to it, {@code advanceAllBefore}
	 * applies every customer's inputs before B (given B - 1), then B's weights are published. The
	 * first input only starts the epochs (its epoch has the starting weights).
	 */
	public void beforeInputAt(long time, LongConsumer advanceAllBefore) {
		if (nextBoundary == Long.MIN_VALUE) {
			start(time);
			return;
		}
		while (time >= nextBoundary) {
			long boundary = nextBoundary;
			advanceAllBefore.accept(boundary - 1);
			publish(boundary);
			nextBoundary = earliestBoundary();
		}
	}

	/**
	 * A host on the wall clock: each epoch boundary up to {@code wallTime} is crossed by the clock, and its
	 * weights come from the counts so far (no host can wait for every input before it, so such a run is not
	 * reproducible; {@value #FILE} records the weights it used).
	 */
	public void atWallTime(long wallTime) {
		if (nextBoundary == Long.MIN_VALUE) {
			start(wallTime);
			return;
		}
		while (wallTime >= nextBoundary) {
			publish(nextBoundary);
			nextBoundary = earliestBoundary();
		}
	}

	/** The wall time of the next boundary (Long.MAX_VALUE before the first input or clock tick). */
	public long nextBoundary() {
		return nextBoundary == Long.MIN_VALUE ? Long.MAX_VALUE : nextBoundary;
	}

	private void start(long time) {
		for (Learning learning : splits) {
			long every = learning.split.autoWinner().everyMillis();
			long start = Math.floorDiv(time, every) * every;
			learning.nextBoundary = start + every;
			write(learning, start, starting(learning.split));
		}
		nextBoundary = earliestBoundary();
	}

	/**
	 * The state to save with a checkpoint (JSON): per split its counts, weights, next boundary, epochs and
	 * stop, and how many lines of {@value #FILE} were written. Taken by the host when every input before the
	 * checkpoint is counted and none after it.
	 */
	public synchronized String snapshot() {
		ObjectNode root = JSON.createObjectNode();
		root.put("nextBoundary", nextBoundary);
		root.put("linesWritten", linesWritten);
		ArrayNode list = root.putArray("splits");
		for (Learning learning : splits) {
			ObjectNode split = list.addObject();
			split.put("journey", learning.journey);
			split.put("split", learning.split.name());
			longs(split.putArray("exposures"), learning.exposures);
			longs(split.putArray("conversions"), learning.conversions);
			split.put("nextBoundary", learning.nextBoundary);
			split.put("publishedAt", learning.publishedAt);
			split.put("epochs", learning.epochs);
			split.put("stoppedAt", learning.stoppedAt);
			if (learning.weights != null) {
				ArrayNode weights = split.putArray("weights");
				for (double weight : learning.weights.weights()) {
					weights.add(weight);
				}
				split.put("stopped", learning.weights.stopped());
				split.put("leader", learning.weights.leader());
			}
		}
		return root.toString();
	}

	/**
	 * Goes on from a checkpoint's {@link #snapshot()}: the counts, weights and boundaries as they were, the
	 * weights published again on each journey's board; a {@link SplitWeightsLog} keeps the lines of
	 * {@value #FILE} the checkpoint had (the rest were written after it and come again).
	 *
	 * @throws IllegalArgumentException when the snapshot is of other splits (the journey changed)
	 */
	public synchronized void restore(String snapshot) {
		JsonNode root;
		try {
			root = JSON.readTree(snapshot);
		} catch (IOException e) {
			throw new IllegalArgumentException("the checkpoint's learning splits cannot be read: " + e.getMessage(), e);
		}
		List<Learning> byPublication = new ArrayList<>();
		for (JsonNode split : root.path("splits")) {
			Learning learning = splits.stream().filter(l -> l.journey.equals(split.path("journey").asText())
					&& l.split.name().equals(split.path("split").asText())).findFirst().orElse(null);
			if (learning == null || split.path("exposures").size() != learning.exposures.length) {
				throw new IllegalArgumentException("the checkpoint has counts of split " + split.path("split").asText() + " of journey "
						+ split.path("journey").asText() + ", which the journey no longer has as it was");
			}
			for (int a = 0; a < learning.exposures.length; a++) {
				learning.exposures[a] = split.path("exposures").get(a).asLong();
				learning.conversions[a] = split.path("conversions").get(a).asLong();
			}
			learning.nextBoundary = split.path("nextBoundary").asLong();
			learning.publishedAt = split.path("publishedAt").asLong();
			learning.epochs = split.path("epochs").asInt();
			learning.stoppedAt = split.path("stoppedAt").asLong();
			if (split.has("weights")) {
				double[] weights = new double[learning.exposures.length];
				for (int a = 0; a < weights.length; a++) {
					weights[a] = split.path("weights").get(a).asDouble();
				}
				JsonNode leader = split.path("leader");
				learning.weights = new ArmLearner.Weights(weights, split.path("stopped").asBoolean(),
						leader.isNull() || leader.isMissingNode() ? null : leader.asText());
				byPublication.add(learning);
			}
		}
		byPublication.sort(java.util.Comparator.comparingLong(learning -> learning.publishedAt));
		for (Learning learning : byPublication) {
			learning.board.publish(learning.board.current().with(learning.publishedAt, learning.journey, learning.split.name(),
					learning.weights.weights()));
		}
		nextBoundary = root.path("nextBoundary").asLong();
		linesWritten = root.path("linesWritten").asLong();
		if (lines instanceof SplitWeightsLog log) {
			log.keepFirst(linesWritten);
		}
	}

	private static void longs(ArrayNode array, long[] values) {
		for (long value : values) {
			array.add(value);
		}
	}

	private synchronized void publish(long boundary) {
		for (Learning learning : splits) {
			if (learning.nextBoundary == boundary) {
				learning.weights = ArmLearner.weigh(learning.journey, learning.split, boundary, learning.exposures,
						learning.conversions, learning.weights);
				learning.board.publish(learning.board.current().with(boundary, learning.journey, learning.split.name(),
						learning.weights.weights()));
				learning.publishedAt = boundary;
				write(learning, boundary, learning.weights);
				learning.epochs++;
				if (learning.weights.stopped() && learning.stoppedAt == Long.MIN_VALUE) {
					learning.stoppedAt = boundary;
				}
				learning.nextBoundary = boundary + learning.split.autoWinner().everyMillis();
			}
		}
	}

	/** For a summary: per learning split, its epochs, whether and when it stopped, and its customers per arm. */
	public synchronized List<String> summary() {
		List<String> lines = new ArrayList<>();
		for (Learning learning : splits) {
			StringBuilder line = new StringBuilder("Split " + learning.split.name() + " (auto winner): " + learning.epochs
					+ " new weights; ");
			line.append(learning.stoppedAt == Long.MIN_VALUE ? "still exploring"
					: "stopped " + Instant.ofEpochMilli(learning.stoppedAt) + " on " + learning.weights.leader());
			line.append("; customers per arm:");
			for (int a = 0; a < learning.split.arms().size(); a++) {
				line.append(a == 0 ? " " : ", ").append(learning.split.arms().get(a).label()).append(' ')
						.append(String.format(java.util.Locale.ROOT, "%,d", learning.exposures[a]));
			}
			lines.add(line.append(" (").append(FILE).append(')').toString());
		}
		return lines;
	}

	private long earliestBoundary() {
		long earliest = Long.MAX_VALUE;
		for (Learning learning : splits) {
			earliest = Math.min(earliest, learning.nextBoundary);
		}
		return earliest;
	}

	/** A split's weights before its first epoch boundary: its percentages (a holdout's 0). */
	public static ArmLearner.Weights starting(Split split) {
		double[] weights = new double[split.arms().size()];
		for (int a = 0; a < weights.length; a++) {
			Split.Arm arm = split.arms().get(a);
			weights[a] = arm.holdout() ? 0 : arm.percent();
		}
		return new ArmLearner.Weights(weights, false, null);
	}

	private void write(Learning learning, long epochStart, ArmLearner.Weights weights) {
		if (lines != null) {
			linesWritten += learning.split.arms().size();
			epochLines(learning.journey, learning.split, epochStart, learning.exposures, learning.conversions, weights).forEach(lines);
		}
	}

	/**
	 * The lines of {@value #FILE} for one epoch of a split, one per arm: the counts before it and its
	 * weights (every host that learns writes these).
	 */
	public static List<String> epochLines(String journey, Split split, long epochStart, long[] exposures, long[] conversions,
			ArmLearner.Weights weights) {
		List<String> epoch = new ArrayList<>();
		double[] shares = SplitAssignment.shares(split, weights.weights());
		for (int a = 0; a < split.arms().size(); a++) {
			Split.Arm arm = split.arms().get(a);
			epoch.add("{\"epochStart\":\"" + Instant.ofEpochMilli(epochStart) + "\",\"journey\":" + quoted(journey) + ",\"split\":"
					+ quoted(split.name()) + ",\"arm\":" + quoted(arm.label()) + ",\"exposures\":" + exposures[a] + ",\"conversions\":"
					+ conversions[a] + ",\"weight\":" + shares[a] + ",\"stopped\":" + weights.stopped() + "}");
		}
		return epoch;
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}
