package io.itinera.runtime.driver;

import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.scoring.Recommendation;
import io.itinera.runtime.step.ScoreRequest;
import io.itinera.runtime.step.ScoreUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Score requests of many customers, scored one model call per model when the batch is full or the
 * driver needs an answer. Each answer carries the time of its request and reaches the customer
 * before their next input, so the batch size changes speed, never results.
 */
final class ScoreBatch {
	record Pending(CustomerSlot customer, ScoreRequest request) {
	}

	private final Scorer scorer;
	private final int maxRows;
	private List<Pending> pending = new ArrayList<>();
	private long oldestNanos;
	private long batches;
	private long rows;

	ScoreBatch(Scorer scorer, int maxRows) {
		this.scorer = scorer;
		this.maxRows = Math.max(1, maxRows);
	}

	void add(CustomerSlot customer, ScoreRequest request) {
		if (scorer == null) {
			throw new IllegalStateException("model " + request.model() + " was asked for a score but no scorer was given");
		}
		if (pending.isEmpty()) {
			oldestNanos = System.nanoTime();
		}
		pending.add(new Pending(customer, request));
	}

	boolean full() {
		return pending.size() >= maxRows;
	}

	boolean isEmpty() {
		return pending.isEmpty();
	}

	/** Nanoseconds the oldest request has waited (0 when none waits). */
	long waitedNanos(long now) {
		return pending.isEmpty() ? 0 : now - oldestNanos;
	}

	/** Scores everything waiting; returns the requests with their scores, in request order. */
	List<Scored> take() {
		List<Pending> batch = pending;
		pending = new ArrayList<>();
		Map<String, List<Integer>> byModel = new LinkedHashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			byModel.computeIfAbsent(batch.get(i).request().model(), m -> new ArrayList<>()).add(i);
		}
		double[] scores = new double[batch.size()];
		Recommendation[] recommendations = new Recommendation[batch.size()];
		for (Map.Entry<String, List<Integer>> model : byModel.entrySet()) {
			List<Integer> indexes = model.getValue();
			if (batch.get(indexes.get(0)).request().isRecommendation()) {
				recommend(model.getKey(), indexes, batch, recommendations);
				continue;
			}
			float[][] input = new float[indexes.size()][];
			for (int r = 0; r < input.length; r++) {
				input[r] = batch.get(indexes.get(r)).request().inputs();
			}
			float[] answers = scorer.score(model.getKey(), input);
			if (answers.length != input.length) {
				throw new IllegalStateException("model " + model.getKey() + " returned " + answers.length + " scores for "
						+ input.length + " rows");
			}
			for (int r = 0; r < input.length; r++) {
				scores[indexes.get(r)] = answers[r];
			}
			batches++;
		}
		rows += batch.size();
		List<Scored> scored = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			scored.add(new Scored(batch.get(i), scores[i], recommendations[i]));
		}
		return scored;
	}

	/** One recommender call for all its requests in the batch. */
	private void recommend(String model, List<Integer> indexes, List<Pending> batch, Recommendation[] into) {
		String[][] sequences = new String[indexes.size()][];
		for (int r = 0; r < sequences.length; r++) {
			sequences[r] = batch.get(indexes.get(r)).request().sequence();
		}
		Recommendation[] answers = scorer.recommend(model, sequences);
		if (answers.length != sequences.length) {
			throw new IllegalStateException("model " + model + " returned " + answers.length + " recommendations for "
					+ sequences.length + " customers");
		}
		for (int r = 0; r < sequences.length; r++) {
			into[indexes.get(r)] = answers[r];
		}
		batches++;
	}

	long batches() {
		return batches;
	}

	long rows() {
		return rows;
	}

	/** {@code recommendation}: a recommender's answer, null for a scoring model. */
	record Scored(Pending pending, double score, Recommendation recommendation) {
		ScoreUpdate update() {
			ScoreRequest request = pending.request();
			return recommendation != null
					? ScoreUpdate.recommended(request.customerId(), request.model(), recommendation, request.at())
					: new ScoreUpdate(request.customerId(), request.model(), score, request.at());
		}
	}
}
