package io.itinera.runtime.step;

import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.feature.FeatureSlot;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.scoring.Recommendation;

/**
 * Gives a customer of one journey what a journey test (or a profile) says they have: attributes,
 * feature values, scores, a stage; and runs a stage's rules as on entry. Not a step: nothing here
 * follows from an input, so hosts never call it; tests, the migration dry run and imports do.
 */
public final class CustomerSeeder {
	private final PlanStep step;
	private final CompiledJourney journey;

	public CustomerSeeder(PlanStep step) {
		this.step = step;
		this.journey = step.compiled();
	}

	/** Sets a customer attribute (from a profile, say) by its declared name. */
	public void setAttribute(CustomerState state, String attribute, Object value) {
		journey.fit(state);
		for (int i = 0; i < journey.attributeNames.length; i++) {
			if (journey.attributeNames[i].equals(attribute)) {
				state.attributes[i] = value;
				return;
			}
		}
		throw new IllegalArgumentException("the journey declares no customer attribute " + attribute);
	}

	/**
	 * Gives a feature the value {@code value} at {@code at}, by recording what
	 * would produce it just before (a count of n is n events, a recency of d days an event d days
	 * earlier, days since previous of d days two events d days apart, anything else one event of that
	 * value). {@code value} is a Number, or for the last of a text or yes/no field a String or Boolean.
	 */
	public void seedFeature(CustomerState state, String feature, Object given, long at) {
		journey.fit(state);
		for (int f = 0; f < journey.featureNames.length; f++) {
			if (!journey.featureNames[f].equals(feature)) {
				continue;
			}
			FeatureDefinition definition = journey.features[f];
			FeatureSlot slot = state.features[f];
			if (definition.type() == ValueType.STRING) {
				definition.recordItem(slot, at - 1, String.valueOf(given));
				return;
			}
			double value = given instanceof Boolean flag ? (flag ? 1 : 0)
					: given instanceof Number number ? number.doubleValue() : Double.NaN;
			switch (definition.feature().kind()) {
				case COUNT -> {
					for (long n = Math.round(value); n > 0; n--) {
						definition.record(slot, at - 1, Double.NaN);
					}
				}
				case DAYS_SINCE, DAYS_SINCE_FIRST -> definition.record(slot, at - Math.round(value * 86_400_000d), Double.NaN);
				case DAYS_SINCE_PREVIOUS -> {
					definition.record(slot, at - 1 - Math.round(value * 86_400_000d), Double.NaN);
					definition.record(slot, at - 1, Double.NaN);
				}
				case SEQUENCE -> throw new IllegalArgumentException(feature + " is a sequence: give the model's items instead");
				default -> definition.record(slot, at - 1, value);
			}
			return;
		}
		throw new IllegalArgumentException("the journey declares no feature " + feature);
	}

	/** A recommender's latest items (before its exclusions); its score is the first item's. */
	public void setRecommendation(CustomerState state, String model, Recommendation recommendation) {
		journey.fit(state);
		Integer index = journey.modelIndex.get(model);
		if (index == null || journey.recommenderExcept[index] == null) {
			throw new IllegalArgumentException("the journey declares no recommender " + model);
		}
		state.recommendations[index] = recommendation;
		state.scores[index] = recommendation.scoreAt(1);
	}

	/** The model's latest score. */
	public void setScore(CustomerState state, String model, double score) {
		journey.fit(state);
		Integer index = journey.modelIndex.get(model);
		if (index == null) {
			throw new IllegalArgumentException("the journey declares no model " + model);
		}
		state.scores[index] = score;
	}

	/**
	 * The customer enters {@code stage} at {@code at} (one visit, cause {@code
	 * test}) and its timers are set as on any entry (the result's {@code timersToSet}); no rules run.
	 */
	public StepResult placeInStage(CustomerState state, String stage, long at) {
		journey.fit(state);
		if (!journey.stages.containsKey(stage)) {
			throw new IllegalArgumentException("the journey has no stage " + stage);
		}
		StepOutcome outcome = new StepOutcome(state);
		state.inJourney = false;
		state.visits = Math.max(1, state.visits);
		state.enteredAt = at;
		state.goalReachedAt = CustomerState.NEVER;
		step.moveTo(state, stage, at, "test", outcome);
		return outcome.result();
	}

	/** The stage's campaign rules run as when the customer has just entered it. */
	public StepResult runRulesAsOnEntry(CustomerState state, long at) {
		journey.fit(state);
		StepOutcome outcome = new StepOutcome(state);
		outcome.stageEntered = true;
		StepMoment moment = new StepMoment(state, journey, at, null);
		step.runRules(state, moment, at, "test:" + state.stage, null, null, outcome);
		return outcome.result();
	}
}
