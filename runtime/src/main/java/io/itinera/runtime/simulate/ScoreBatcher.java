package io.itinera.runtime.simulate;

import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.ScoreRequest;
import io.itinera.runtime.step.ScoreUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects score requests across customers and scores them a batch at a time. A customer whose
 * answer is outstanding gets it before their next input (the simulator flushes first), so the
 * batch size changes speed, never results.
 */
final class ScoreBatcher {
	private final int batchSize;
	private List<Pending> pending = new ArrayList<>();
	private long scored;

	ScoreBatcher(int batchSize) {
		this.batchSize = Math.max(1, batchSize);
	}

	void submit(JourneySimulation simulation, CustomerTrack track, ScoreRequest request) {
		if (simulation.scorer() == null) {
			throw new IllegalStateException("the journey " + simulation.name() + " asks model " + request.model()
					+ " for a score but no scorer was given");
		}
		pending.add(new Pending(simulation, track, request));
	}

	boolean full() {
		return pending.size() >= batchSize;
	}

	boolean isEmpty() {
		return pending.isEmpty();
	}

	long scored() {
		return scored;
	}

	/** Scores everything pending and hands each answer back; answers may queue new requests (call again). */
	void flush() {
		if (!pending.isEmpty()) {
			List<Pending> batch = pending;
			pending = new ArrayList<>();
			Map<ModelOf, List<Integer>> byModel = new LinkedHashMap<>();
			for (int i = 0; i < batch.size(); i++) {
				Pending p = batch.get(i);
				byModel.computeIfAbsent(new ModelOf(p.simulation.scorer(), p.request.model()), m -> new ArrayList<>()).add(i);
			}
			double[] scores = new double[batch.size()];
			for (Map.Entry<ModelOf, List<Integer>> entry : byModel.entrySet()) {
				List<Integer> indexes = entry.getValue();
				float[][] rows = new float[indexes.size()][];
				for (int r = 0; r < rows.length; r++) {
					rows[r] = batch.get(indexes.get(r)).request.inputs();
				}
				float[] answers = entry.getKey().scorer.score(entry.getKey().model, rows);
				for (int r = 0; r < rows.length; r++) {
					scores[indexes.get(r)] = answers[r];
				}
			}
			scored += batch.size();
			for (int i = 0; i < batch.size(); i++) {
				Pending p = batch.get(i);
				ScoreRequest request = p.request;
				p.simulation.onScore(p.track,
						new ScoreUpdate(request.customerId(), request.model(), scores[i], request.at()));
			}
		}
	}

	/** Versions compared in one replay each have their own scorer. */
	private record ModelOf(Scorer scorer, String model) {
	}

	private record Pending(JourneySimulation simulation, CustomerTrack track, ScoreRequest request) {
	}
}
