package io.itinera.runtime.step;

import io.itinera.runtime.expr.EvalContext;
import io.itinera.runtime.feature.FeatureDefinition;

/** A customer at one instant, as conditions read it: features are evaluated at {@code at}. */
final class StepMoment implements EvalContext {
	private final CustomerState state;
	private final FeatureDefinition[] features;
	private final long at;
	private final Event event;

	StepMoment(CustomerState state, FeatureDefinition[] features, long at, Event event) {
		this.state = state;
		this.features = features;
		this.at = at;
		this.event = event;
	}

	@Override
	public double feature(int featureIndex) {
		return features[featureIndex].value(state.features[featureIndex], at);
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
