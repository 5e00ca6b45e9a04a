package io.itinera.runtime.step;

import io.itinera.runtime.expr.EvalContext;
import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.scoring.Recommendation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** A customer at one instant, as conditions read it: features are evaluated at {@code at}. */
final class StepMoment implements EvalContext {
	private final CustomerState state;
	private final FeatureDefinition[] features;
	private final long at;
	private final Event event;

	private final int[][] recommenderExcept;

	StepMoment(CustomerState state, CompiledJourney journey, long at, Event event) {
		this.state = state;
		this.features = journey.features;
		this.recommenderExcept = journey.recommenderExcept;
		this.at = at;
		this.event = event;
	}

	/** The recommender's latest items less those in its {@code except} sequences now. */
	@Override
	public Recommendation recommendation(int modelIndex) {
		Recommendation latest = state.recommendation(modelIndex);
		int[] except = recommenderExcept[modelIndex];
		if (latest == null) {
			return Recommendation.NONE;
		}
		if (except == null || except.length == 0) {
			return latest;
		}
		Set<String> excluded = new HashSet<>();
		for (int f : except) {
			excluded.addAll(Arrays.asList(features[f].items(state.features[f])));
		}
		return latest.excluding(excluded);
	}

	@Override
	public double feature(int featureIndex) {
		return features[featureIndex].value(state.features[featureIndex], at);
	}

	@Override
	public Object featureValue(int featureIndex) {
		return features[featureIndex].current(state.features[featureIndex], at);
	}

	@Override
	public double score(int modelIndex) {
		return state.scores[modelIndex];
	}

	@Override
	public Object attribute(int attributeIndex) {
		return state.attributes[attributeIndex];
	}

	@Override
	public Object eventField(String eventType, String field) {
		if (event == null || !event.type().equals(eventType)) {
			return null;
		}
		return event.fields().get(field);
	}
}
