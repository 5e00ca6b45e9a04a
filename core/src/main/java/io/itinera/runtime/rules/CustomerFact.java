package io.itinera.runtime.rules;

import io.itinera.runtime.scoring.Recommendation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A customer as campaign rules see them at one moment: stage, attributes, feature values, model
 * scores (NaN when unknown), split arms, tags, and the triggering event (null when rules run
 * because the customer entered a stage by a timer or a score). Plain getters, so Drools can
 * match on it.
 */
public final class CustomerFact {
	private final String customerId;
	private final long at;
	private final String stage;
	private final boolean stageEntered;
	private final Map<String, Object> attributes;
	private final Map<String, Double> features;
	private final Map<String, Double> scores;
	private final Map<String, String> splitArms;
	private final List<String> campaigns;
	private final Set<String> tags;
	private final EventFact event;
	private final Map<String, Recommendation> recommendations;
	private final Map<String, Object> keptValues;

	public CustomerFact(String customerId, long at, String stage, boolean stageEntered, Map<String, Object> attributes,
			Map<String, Double> features, Map<String, Double> scores, Map<String, String> splitArms, List<String> campaigns,
			Set<String> tags, EventFact event) {
		this(customerId, at, stage, stageEntered, attributes, features, scores, splitArms, campaigns, tags, event, Map.of());
	}

	/** With the recommenders' items (their exclusions already applied), by model. */
	public CustomerFact(String customerId, long at, String stage, boolean stageEntered, Map<String, Object> attributes,
			Map<String, Double> features, Map<String, Double> scores, Map<String, String> splitArms, List<String> campaigns,
			Set<String> tags, EventFact event, Map<String, Recommendation> recommendations) {
		this(customerId, at, stage, stageEntered, attributes, features, scores, splitArms, campaigns, tags, event,
				recommendations, Map.of());
	}

	/**
	 * With the values of the features that keep text or yes/no values (the last of such a field), by
	 * name; those without a value are left out.
	 */
	public CustomerFact(String customerId, long at, String stage, boolean stageEntered, Map<String, Object> attributes,
			Map<String, Double> features, Map<String, Double> scores, Map<String, String> splitArms, List<String> campaigns,
			Set<String> tags, EventFact event, Map<String, Recommendation> recommendations, Map<String, Object> keptValues) {
		this(customerId, at, stage, stageEntered, new LinkedHashMap<>(attributes), new LinkedHashMap<>(features),
				new LinkedHashMap<>(scores), new LinkedHashMap<>(splitArms), campaigns, tags, event, recommendations, keptValues,
				true);
	}

	/**
	 * A fact over maps made for it alone, which nobody changes afterwards (the step's fact, built for one
	 * evaluation): they are wrapped as they are, not copied.
	 */
	public static CustomerFact ofOwnMaps(String customerId, long at, String stage, boolean stageEntered,
			Map<String, Object> attributes, Map<String, Double> features, Map<String, Double> scores,
			Map<String, String> splitArms, List<String> campaigns, Set<String> tags, EventFact event,
			Map<String, Recommendation> recommendations, Map<String, Object> keptValues) {
		return new CustomerFact(customerId, at, stage, stageEntered, attributes, features, scores, splitArms, campaigns, tags,
				event, recommendations, keptValues, true);
	}

	private CustomerFact(String customerId, long at, String stage, boolean stageEntered, Map<String, Object> attributes,
			Map<String, Double> features, Map<String, Double> scores, Map<String, String> splitArms, List<String> campaigns,
			Set<String> tags, EventFact event, Map<String, Recommendation> recommendations, Map<String, Object> keptValues,
			boolean ownMaps) { // the flag only tells this constructor from the public one
		this.keptValues = Map.copyOf(keptValues);
		this.recommendations = Map.copyOf(recommendations);
		this.customerId = customerId;
		this.at = at;
		this.stage = stage;
		this.stageEntered = stageEntered;
		this.attributes = Collections.unmodifiableMap(attributes);
		this.features = Collections.unmodifiableMap(features);
		this.scores = Collections.unmodifiableMap(scores);
		this.splitArms = Collections.unmodifiableMap(splitArms);
		this.campaigns = List.copyOf(campaigns);
		this.tags = Set.copyOf(tags);
		this.event = event;
	}

	public String getCustomerId() {
		return customerId;
	}

	/** The moment of the evaluation (event time), epoch milliseconds. */
	public long getAt() {
		return at;
	}

	public String getStage() {
		return stage;
	}

	/** True when the customer has just entered {@link #getStage()}; false when an event arrived there. */
	public boolean isStageEntered() {
		return stageEntered;
	}

	public Map<String, Object> getAttributes() {
		return attributes;
	}

	public Object getAttribute(String name) {
		return attributes.get(name);
	}

	/** A text attribute, null when unknown: what generated rules compare text with. */
	public String text(String attribute) {
		Object value = attributes.get(attribute);
		return value == null ? null : value.toString();
	}

	/** A numeric attribute, NaN when unknown (every comparison with NaN is false). */
	public double number(String attribute) {
		return attributes.get(attribute) instanceof Number number ? number.doubleValue() : Double.NaN;
	}

	/** A boolean attribute, false when unknown. */
	public boolean flag(String attribute) {
		return Boolean.TRUE.equals(attributes.get(attribute));
	}

	/** A field of the triggering event if it is of type {@code eventType}, else null. */
	public Object eventField(String eventType, String field) {
		return event != null && event.getType().equals(eventType) ? event.get(field) : null;
	}

	public String eventText(String eventType, String field) {
		Object value = eventField(eventType, field);
		return value == null ? null : value.toString();
	}

	public double eventNumber(String eventType, String field) {
		return eventField(eventType, field) instanceof Number number ? number.doubleValue() : Double.NaN;
	}

	public boolean eventFlag(String eventType, String field) {
		return Boolean.TRUE.equals(eventField(eventType, field));
	}

	public Map<String, Double> getFeatures() {
		return features;
	}

	/** A feature's value; NaN when the feature has none (or no such feature). */
	public double getFeature(String name) {
		Double value = features.get(name);
		return value == null ? Double.NaN : value;
	}

	/** The last value of a text field that a feature keeps; null when it has none: what generated rules compare text with. */
	public String featureText(String name) {
		Object value = keptValues.get(name);
		return value == null ? null : value.toString();
	}

	/** The last value of a yes/no field that a feature keeps; false when it has none. */
	public boolean featureFlag(String name) {
		return Boolean.TRUE.equals(keptValues.get(name));
	}

	/** The features that keep text or yes/no values, by name (those without a value left out). */
	public Map<String, Object> getKeptValues() {
		return keptValues;
	}

	public Map<String, Double> getScores() {
		return scores;
	}

	/** A model's latest score; NaN when none yet. */
	public double getScore(String model) {
		Double value = scores.get(model);
		return value == null ? Double.NaN : value;
	}

	/** A recommender's first {@code count} items (fewer when it has fewer; none before its first answer). */
	public List<String> recommendedItems(String model, int count) {
		return recommendations.getOrDefault(model, Recommendation.NONE).top(count);
	}

	/** The score of a recommender's item at {@code rank} (1 = best); NaN when there is none. */
	public double recommendedScore(String model, int rank) {
		return recommendations.getOrDefault(model, Recommendation.NONE).scoreAt(rank);
	}

	/** Split name to the arm this customer is in (a campaign name or "holdout"), for the stage's splits. */
	public Map<String, String> getSplitArms() {
		return splitArms;
	}

	/** The arm of the stage's first split, or null when the stage has no split. */
	public String getSplitArm() {
		return splitArms.isEmpty() ? null : splitArms.values().iterator().next();
	}

	/** The campaigns that may act for this customer now: those of the stage, less split-excluded ones. */
	public List<String> getCampaigns() {
		return campaigns;
	}

	public boolean isCampaignActive(String campaign) {
		return campaigns.contains(campaign);
	}

	public Set<String> getTags() {
		return tags;
	}

	public boolean hasTag(String tag) {
		return tags.contains(tag);
	}

	public EventFact getEvent() {
		return event;
	}

	@Override
	public String toString() {
		return "CustomerFact[" + customerId + " in " + stage + (stageEntered ? " (entered)" : "") + ", features=" + features
				+ ", scores=" + scores + ", event=" + event + "]";
	}
}
