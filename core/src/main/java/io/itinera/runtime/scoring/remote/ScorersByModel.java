package io.itinera.runtime.scoring.remote;

import io.itinera.runtime.scoring.Recommendation;
import io.itinera.runtime.scoring.Scorer;
import java.util.Map;

/** Each model scored by the scorer that holds it (remote or in process); closes each scorer once. */
final class ScorersByModel implements Scorer {
	private final Map<String, Scorer> byModel;

	ScorersByModel(Map<String, Scorer> byModel) {
		this.byModel = Map.copyOf(byModel);
	}

	@Override
	public float[] score(String model, float[][] rows) {
		return scorer(model).score(model, rows);
	}

	@Override
	public Recommendation[] recommend(String model, String[][] sequences) {
		return scorer(model).recommend(model, sequences);
	}

	@Override
	public String device(String model) {
		return scorer(model).device(model);
	}

	private Scorer scorer(String model) {
		Scorer scorer = byModel.get(model);
		if (scorer == null) {
			throw new IllegalArgumentException("no model " + model + " is declared");
		}
		return scorer;
	}

	@Override
	public void close() {
		byModel.values().stream().distinct().forEach(Scorer::close);
	}
}
