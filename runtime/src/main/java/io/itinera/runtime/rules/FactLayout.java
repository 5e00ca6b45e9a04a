package io.itinera.runtime.rules;

import io.itinera.runtime.plan.JourneyPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a named feature, score or attribute sits in a {@link Customer} fact's arrays: the index
 * of its declaration in the plan, the same indexing the customer state uses.
 */
public final class FactLayout {
	private final Map<String, Integer> features;
	private final Map<String, Integer> models;
	private final Map<String, Integer> attributes;

	public FactLayout(List<String> featureNames, List<String> modelNames, List<String> attributeNames) {
		this.features = indexOf(featureNames);
		this.models = indexOf(modelNames);
		this.attributes = indexOf(attributeNames);
	}

	public static FactLayout of(JourneyPlan plan) {
		return new FactLayout(
				plan.features().stream().map(f -> f.name()).toList(),
				plan.models().stream().map(m -> m.name()).toList(),
				plan.attributes().stream().map(a -> a.name()).toList());
	}

	private static Map<String, Integer> indexOf(List<String> names) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			index.put(names.get(i), i);
		}
		return Map.copyOf(index);
	}

	/** -1 when the journey declares no feature by that name. */
	public int feature(String name) {
		return features.getOrDefault(name, -1);
	}

	public int model(String name) {
		return models.getOrDefault(name, -1);
	}

	public int attribute(String name) {
		return attributes.getOrDefault(name, -1);
	}

	public int featureCount() {
		return features.size();
	}

	public int modelCount() {
		return models.size();
	}

	public int attributeCount() {
		return attributes.size();
	}
}
