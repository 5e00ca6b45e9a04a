package io.itinera.runtime.workspace;

import io.itinera.runtime.scoring.Recommendation;
import io.itinera.runtime.scoring.Scorer;
import java.util.Map;

/**
 * The scorers of a workspace's journeys behind one: a workspace asks for {@code Journey/model}
 * ({@link WorkspaceStep}), so two journeys may each have a model of the same name.
 */
public final class WorkspaceScorer implements Scorer {
	private final Map<String, Scorer> byJourney;

	public WorkspaceScorer(Map<String, Scorer> byJourney) {
		this.byJourney = Map.copyOf(byJourney);
	}

	@Override
	public float[] score(String model, float[][] rows) {
		return scorerOf(model).score(WorkspaceStep.localName(model), rows);
	}

	@Override
	public Recommendation[] recommend(String model, String[][] sequences) {
		return scorerOf(model).recommend(WorkspaceStep.localName(model), sequences);
	}

	@Override
	public String device(String model) {
		return scorerOf(model).device(WorkspaceStep.localName(model));
	}

	private Scorer scorerOf(String model) {
		Scorer scorer = byJourney.get(WorkspaceStep.journeyOf(model));
		if (scorer == null) {
			throw new IllegalArgumentException("no journey of the workspace has the model " + model);
		}
		return scorer;
	}

	@Override
	public void close() {
		byJourney.values().forEach(Scorer::close);
	}
}
