package io.itinera.runtime.step;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a customer's state by the names one version of a journey declares: feature values, what a
 * condition would read, split arms, whether a campaign may still act. For explaining, viewing and
 * arbitrating, never for running a step: the step function reads by index. Reading sizes the
 * state's arrays to the plan, as a step would; otherwise the state is left alone.
 */
public final class CustomerStateReader {
	private final CompiledJourney journey;
	private final DeliveryPolicy delivery;

	public CustomerStateReader(JourneyPlan plan) {
		this.journey = new CompiledJourney(plan);
		this.delivery = new DeliveryPolicy(plan, DeliverySettings.DEFAULT);
	}

	public JourneyPlan plan() {
		return journey.plan;
	}

	/** The value of a declared feature for the customer at {@code at}; NaN when it has none. */
	public double featureValue(CustomerState state, String feature, long at) {
		journey.fit(state);
		for (int i = 0; i < journey.featureNames.length; i++) {
			if (journey.featureNames[i].equals(feature)) {
				return journey.features[i].value(state.features[i], at);
			}
		}
		throw new IllegalArgumentException("the journey declares no feature " + feature);
	}

	/**
	 * The value a condition would read for a name at {@code at}: a feature (NaN: none), a model's
	 * score, a customer attribute or, from {@code event}, an event field ({@code event.field}); null
	 * for a name the journey does not declare.
	 */
	public Object valueOf(CustomerState state, String name, long at, Event event) {
		journey.fit(state);
		for (int f = 0; f < journey.featureNames.length; f++) {
			if (journey.featureNames[f].equals(name)) {
				return journey.features[f].current(state.features[f], at);
			}
		}
		Integer model = journey.modelIndex.get(name);
		if (model != null) {
			return state.scores[model];
		}
		for (int a = 0; a < journey.attributeNames.length; a++) {
			if (journey.attributeNames[a].equals(name)) {
				return state.attributes[a];
			}
		}
		int dot = name.indexOf('.');
		if (event != null && dot > 0 && name.substring(0, dot).equals(event.type())) {
			return event.fields().get(name.substring(dot + 1));
		}
		return null;
	}

	/**
	 * Split name to the customer's arm (a campaign or "holdout") for every split of the journey:
	 * the assignment is a pure function of journey, split and id, so reports can track holdouts
	 * (who got nothing) the same way the step function decides it.
	 */
	public Map<String, String> splitArms(String customerId) {
		Map<String, String> arms = new LinkedHashMap<>();
		for (Split split : journey.plan.splits()) {
			// a learning split's arm also depends on the weights when the customer came: this is the starting weights' one
			arms.put(split.name(), split.learns()
					? io.itinera.runtime.delivery.SplitAssignment.armOf(journey.plan.name(), customerId, split, null)
					: PlanStep.armOf(journey.plan.name(), customerId, split));
		}
		return arms;
	}

	/**
	 * Whether a message of {@code campaign} decided earlier may still go to the customer: they are in
	 * one of its stages (a workspace asks this before it releases a message it held).
	 */
	public boolean campaignActsNow(CustomerState state, String campaign) {
		return delivery.campaignActsIn(campaign, state.stage());
	}
}
