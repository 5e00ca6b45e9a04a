package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Which events a feature aggregates: a sliding window, those since the last of an event, or all. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
		@JsonSubTypes.Type(value = FeatureWindow.Sliding.class, name = "sliding"),
		@JsonSubTypes.Type(value = FeatureWindow.SinceLast.class, name = "sinceLast"),
		@JsonSubTypes.Type(value = FeatureWindow.Lifetime.class, name = "lifetime") })
public sealed interface FeatureWindow {
	/** The events of the last {@code lengthMillis}. */
	record Sliding(long lengthMillis) implements FeatureWindow {
	}

	/** The events since the last occurrence of {@code event} (all of them before it ever happens). */
	record SinceLast(String event) implements FeatureWindow {
	}

	/** Every event since the customer was first seen. */
	record Lifetime() implements FeatureWindow {
	}
}
