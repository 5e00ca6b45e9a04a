package io.itinera.runtime.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The learning splits' weights as a run wrote them ({@value SplitEpochs#FILE}), handed to a replay's step at
 * the same epochs: {@code explain} replays one customer with the weights the run's customers had, so the
 * arm it finds is the run's.
 */
public final class RecordedSplitWeights {
	private static final ObjectMapper JSON = new ObjectMapper();

	/** Per epoch start: the table to publish. */
	private final TreeMap<Long, SplitWeights> epochs = new TreeMap<>();
	private final SplitWeights.Board board;
	private long published = Long.MIN_VALUE;

	/**
	 * @param plan  the journey (its learning splits)
	 * @param board the board its step reads
	 * @param lines the lines of the run's {@value SplitEpochs#FILE}
	 */
	public RecordedSplitWeights(JourneyPlan plan, SplitWeights.Board board, List<String> lines) {
		this.board = board;
		Map<Long, Map<String, double[]>> weights = new TreeMap<>();
		for (String line : lines) {
			JsonNode node;
			try {
				node = JSON.readTree(line);
			} catch (IOException e) {
				throw new UncheckedIOException("a line of " + SplitEpochs.FILE + " cannot be read: " + e.getMessage(), e);
			}
			if (!plan.name().equals(node.path("journey").asText())) {
				continue;
			}
			Split split = plan.splits().stream().filter(s -> s.learns() && s.name().equals(node.path("split").asText())).findFirst()
					.orElse(null);
			if (split == null) {
				continue;
			}
			long start = Instant.parse(node.path("epochStart").asText()).toEpochMilli();
			double[] arms = weights.computeIfAbsent(start, s -> new TreeMap<>()).computeIfAbsent(split.name(),
					s -> new double[split.arms().size()]);
			for (int a = 0; a < split.arms().size(); a++) {
				if (!split.arms().get(a).holdout() && split.arms().get(a).label().equals(node.path("arm").asText())) {
					arms[a] = node.path("weight").asDouble();
				}
			}
		}
		weights.forEach((start, bySplit) -> {
			SplitWeights table = SplitWeights.STARTING;
			for (Map.Entry<String, double[]> split : bySplit.entrySet()) {
				table = table.with(start, plan.name(), split.getKey(), split.getValue());
			}
			epochs.put(start, table);
		});
	}

	/**
	 * As {@link #beforeInputAt} for the journeys of a workspace, each with its own recorded weights: their
	 * epochs up to {@code time} are published in time order across them.
	 */
	public static void beforeInputAt(List<RecordedSplitWeights> journeys, long time, LongConsumer advanceBefore) {
		while (true) {
			RecordedSplitWeights first = null;
			for (RecordedSplitWeights journey : journeys) {
				Long next = journey.epochs.higherKey(journey.published);
				if (next != null && next <= time && (first == null || next < first.epochs.higherKey(first.published))) {
					first = journey;
				}
			}
			if (first == null) {
				return;
			}
			first.beforeInputAt(first.epochs.higherKey(first.published), advanceBefore);
		}
	}

	/** As {@link SplitEpochs#beforeInputAt}: each recorded epoch up to {@code time} is published after its inputs before it. */
	public void beforeInputAt(long time, LongConsumer advanceBefore) {
		for (Map.Entry<Long, SplitWeights> epoch : epochs.tailMap(published, false).headMap(time, true).entrySet()) {
			advanceBefore.accept(epoch.getKey() - 1);
			board.publish(epoch.getValue());
			published = epoch.getKey();
		}
	}
}
