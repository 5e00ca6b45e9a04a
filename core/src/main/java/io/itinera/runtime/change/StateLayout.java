package io.itinera.runtime.change;

import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.feature.FeatureSlot;
import io.itinera.runtime.feature.WindowWidening;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.scoring.Recommendation;
import io.itinera.runtime.step.CustomerState;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's arrays laid out for the new plan, by name: a feature's slot is kept when its
 * definition is the same, widened when only its sliding window grew by a whole multiple, and
 * reset otherwise; scores and recommendations follow their model, attributes their name, and a
 * fired score trigger stays fired when the same trigger of the same (renamed) stage exists.
 */
final class StateLayout {
	private final JourneyPlan oldPlan;
	private final JourneyPlan newPlan;
	private final List<String> oldTriggers;
	private final List<String> newTriggers;

	StateLayout(JourneyPlan oldPlan, JourneyPlan newPlan, StageMatching stages) {
		this.oldPlan = oldPlan;
		this.newPlan = newPlan;
		this.oldTriggers = triggers(oldPlan, stages::newNameOf);
		this.newTriggers = triggers(newPlan, name -> name);
	}

	FeatureSlot[] features(CustomerState state) {
		FeatureSlot[] slots = new FeatureSlot[newPlan.features().size()];
		for (int i = 0; i < slots.length; i++) {
			Feature current = newPlan.features().get(i);
			int oldIndex = oldPlan.features().indexOf(oldPlan.feature(current.name()));
			FeatureSlot oldSlot = oldIndex < 0 ? null : state.feature(oldIndex);
			slots[i] = oldSlot == null ? FeatureDefinition.of(current).newSlot()
					: carriedOver(oldPlan.features().get(oldIndex), current, oldSlot);
		}
		return slots;
	}

	private static FeatureSlot carriedOver(Feature old, Feature current, FeatureSlot slot) {
		boolean sameDefinition = PlanText.definition(old).equals(PlanText.definition(current)) && old.length() == current.length();
		if (sameDefinition && old.window().equals(current.window())) {
			return slot.copy();
		}
		if (sameDefinition && WindowWidening.possible(old, current)) {
			return WindowWidening.widen(old, current, slot);
		}
		return FeatureDefinition.of(current).newSlot();
	}

	double[] scores(CustomerState state) {
		List<Model> models = newPlan.models();
		double[] scores = new double[models.size()];
		for (int i = 0; i < scores.length; i++) {
			int oldIndex = oldModelIndex(models.get(i).name());
			scores[i] = oldIndex < 0 ? Double.NaN : state.score(oldIndex);
		}
		return scores;
	}

	Recommendation[] recommendations(CustomerState state) {
		List<Model> models = newPlan.models();
		Recommendation[] recommendations = new Recommendation[models.size()];
		for (int i = 0; i < recommendations.length; i++) {
			int oldIndex = oldModelIndex(models.get(i).name());
			recommendations[i] = oldIndex < 0 ? null : state.recommendation(oldIndex);
		}
		return recommendations;
	}

	private int oldModelIndex(String model) {
		return oldPlan.models().indexOf(oldPlan.model(model));
	}

	Object[] attributes(CustomerState state) {
		List<Attribute> attributes = newPlan.attributes();
		Object[] values = new Object[attributes.size()];
		for (int i = 0; i < values.length; i++) {
			String name = attributes.get(i).name();
			for (int old = 0; old < oldPlan.attributes().size(); old++) {
				if (oldPlan.attributes().get(old).name().equals(name)) {
					values[i] = state.attribute(old);
				}
			}
		}
		return values;
	}

	long[] firedTriggers(CustomerState state) {
		long[] bits = new long[(newTriggers.size() + 63) / 64];
		for (int old = 0; old < oldTriggers.size(); old++) {
			int index = newTriggers.indexOf(oldTriggers.get(old));
			if (index >= 0 && state.triggerFired(old)) {
				bits[index / 64] |= 1L << (index % 64);
			}
		}
		return bits;
	}

	/** The plan's score triggers in the order the step numbers them, as "stage: when … -> target". */
	private static List<String> triggers(JourneyPlan plan, java.util.function.UnaryOperator<String> stageName) {
		List<String> triggers = new ArrayList<>();
		for (Stage stage : plan.stages()) {
			for (Transition transition : stage.transitions()) {
				if (transition instanceof Transition.WhenScore) {
					triggers.add(stageName.apply(stage.name()) + ": " + PlanText.trigger(transition) + " -> "
							+ stageName.apply(transition.target()));
				}
			}
		}
		return triggers;
	}
}
