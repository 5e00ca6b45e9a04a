package io.itinera.cli.train;

import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.feature.FeatureSlot;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.Event;
import java.util.List;

/**
 * A journey's features kept for one customer with the runtime's own feature definitions, in the
 * step function's order: resets first, then the event counts where it has the value it needs.
 */
final class FeatureReplay {
	private final List<FeatureDefinition> definitions;
	private final FeatureSlot[] slots;

	FeatureReplay(List<FeatureDefinition> definitions) {
		this.definitions = definitions;
		this.slots = definitions.stream().map(FeatureDefinition::newSlot).toArray(FeatureSlot[]::new);
	}

	static List<FeatureDefinition> definitions(JourneyPlan plan) {
		return plan.features().stream().map(FeatureDefinition::of).toList();
	}

	/** Each model input's index among the journey's features. */
	static int[] inputIndexes(JourneyPlan plan, String modelName, List<String> inputs) {
		List<String> names = plan.features().stream().map(Feature::name).toList();
		return inputs.stream().mapToInt(input -> {
			int index = names.indexOf(input);
			if (index < 0) {
				throw new IllegalArgumentException("model " + modelName + " takes feature " + input
						+ ", which the journey does not declare");
			}
			return index;
		}).toArray();
	}

	void update(Event event) {
		for (int f = 0; f < definitions.size(); f++) {
			if (event.type().equals(definitions.get(f).resetEvent())) {
				definitions.get(f).reset(slots[f]);
			}
		}
		for (int f = 0; f < definitions.size(); f++) {
			FeatureDefinition definition = definitions.get(f);
			Feature feature = definition.feature();
			if (!event.type().equals(feature.event())) {
				continue;
			}
			double value = Double.NaN;
			if (feature.field() != null && event.fields().get(feature.field()) instanceof Number number) {
				value = number.doubleValue();
			}
			if (definition.needsValue() && Double.isNaN(value)) {
				continue;
			}
			definition.record(slots[f], event.at(), value);
		}
	}

	/** The features at {@code indexes}, read at {@code at}, as the runtime passes them to a model (NaN: no value). */
	float[] values(int[] indexes, long at) {
		float[] row = new float[indexes.length];
		for (int i = 0; i < indexes.length; i++) {
			row[i] = (float) definitions.get(indexes[i]).value(slots[indexes[i]], at);
		}
		return row;
	}
}
