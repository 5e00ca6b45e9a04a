package io.itinera.runtime.expr;

/** What a compiled expression reads: values by the index the plan gives each declaration. */
public interface EvalContext {
	/** The feature's value now; NaN when it has none. */
	double feature(int featureIndex);

	/** The feature's value as conditions compare it: a Double, or a String / Boolean for the last of such a field; null when none. */
	default Object featureValue(int featureIndex) {
		return feature(featureIndex);
	}

	/** The model's latest score; NaN when none yet. */
	double score(int modelIndex);

	/** A customer attribute: String, Double, Long, Boolean or null. */
	Object attribute(int attributeIndex);

	/** A field of the event being handled, or null when that event is not the one being handled. */
	Object eventField(String event, String field);

	/** A recommender's latest items, its exclusions applied ({@code Recommendation.NONE} before any). */
	default io.itinera.runtime.scoring.Recommendation recommendation(int modelIndex) {
		return io.itinera.runtime.scoring.Recommendation.NONE;
	}
}
