package io.itinera.runtime.rules;

import java.util.Map;

/**
 * The customer as campaign rules see them: stage, features, model scores, attributes and split
 * arms. Missing numbers read as NaN (every comparison with NaN is false), missing text as null.
 */
public final class Customer {
	private final FactLayout layout;
	private final String id;
	private final String stage;
	private final double[] features;
	private final double[] scores;
	private final Object[] attributes;
	private final Map<String, String> arms;

	/** The arrays are indexed as {@code layout} says and are read, never copied or changed. */
	public Customer(FactLayout layout, String id, String stage, double[] features, double[] scores,
			Object[] attributes, Map<String, String> arms) {
		this.layout = layout;
		this.id = id;
		this.stage = stage;
		this.features = features;
		this.scores = scores;
		this.attributes = attributes;
		this.arms = arms;
	}

	public String getId() {
		return id;
	}

	public String getStage() {
		return stage;
	}

	public double feature(String name) {
		int i = layout.feature(name);
		return i >= 0 && i < features.length ? features[i] : Double.NaN;
	}

	public double score(String model) {
		int i = layout.model(model);
		return i >= 0 && i < scores.length ? scores[i] : Double.NaN;
	}

	public Object attribute(String name) {
		int i = layout.attribute(name);
		return i >= 0 && i < attributes.length ? attributes[i] : null;
	}

	public String text(String attribute) {
		Object value = attribute(attribute);
		return value == null ? null : value.toString();
	}

	public double number(String attribute) {
		return attribute(attribute) instanceof Number number ? number.doubleValue() : Double.NaN;
	}

	public boolean flag(String attribute) {
		return Boolean.TRUE.equals(attribute(attribute));
	}

	/** The customer's arm of a split (a campaign name or "holdout"), or null outside the split. */
	public String arm(String split) {
		return arms.get(split);
	}

	@Override
	public String toString() {
		return "Customer[" + id + " in " + stage + "]";
	}
}
