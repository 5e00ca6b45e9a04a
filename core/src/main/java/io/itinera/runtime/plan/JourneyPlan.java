package io.itinera.runtime.plan;

import java.util.List;

/**
 * A compiled journey: plain immutable data, serialisable as JSON ({@link PlanJson}). Optional
 * parts ({@code title}, {@code goal}) are null when the journey leaves them out; {@code entry} is
 * null only for a journey too broken to run. {@code reentry} defaults to never. {@code phases}: the
 * journey's lifecycle phases in funnel order ({@link Phase#DEFAULTS} unless it declares its own).
 * {@code migration}: the journey's {@code migrate} block, null without one (and in plans written before it).
 * {@code priority}: its rank in a workspace ({@link Priority#DEFAULT} when it declares none).
 * {@code topics}: the subscription topics it declares (empty in a workspace, whose file declares them).
 * {@code segments}: the segments it declares (conditions that name one carry its condition inlined).
 * {@code broadcasts}: its scheduled sends to a segment (docs/segments.md, "Broadcasts").
 */
public record JourneyPlan(
		int formatVersion,
		String name,
		String title,
		SourceLocation location,
		Entry entry,
		Reentry reentry,
		List<Exit> exits,
		Goal goal,
		List<Attribute> attributes,
		List<EventType> events,
		List<Feature> features,
		List<Model> models,
		List<Stage> stages,
		List<Campaign> campaigns,
		List<Split> splits,
		List<TestCase> tests,
		List<String> phases,
		Migration migration,
		Priority priority,
		List<Topic> topics,
		List<Segment> segments,
		List<Broadcast> broadcasts) {

	/** The JSON format this code writes and reads. */
	public static final int FORMAT_VERSION = 1;

	public JourneyPlan {
		exits = List.copyOf(exits);
		attributes = List.copyOf(attributes);
		events = List.copyOf(events);
		features = List.copyOf(features);
		models = List.copyOf(models);
		stages = List.copyOf(stages);
		campaigns = List.copyOf(campaigns);
		splits = List.copyOf(splits);
		tests = List.copyOf(tests);
		phases = phases == null ? Phase.DEFAULTS : List.copyOf(phases);
		priority = priority == null ? Priority.DEFAULT : priority;
		topics = topics == null ? List.of() : List.copyOf(topics);
		segments = segments == null ? List.of() : List.copyOf(segments);
		broadcasts = broadcasts == null ? List.of() : List.copyOf(broadcasts);
	}

	/** A plan that declares no broadcasts. */
	public JourneyPlan(int formatVersion, String name, String title, SourceLocation location, Entry entry, Reentry reentry,
			List<Exit> exits, Goal goal, List<Attribute> attributes, List<EventType> events, List<Feature> features,
			List<Model> models, List<Stage> stages, List<Campaign> campaigns, List<Split> splits, List<TestCase> tests,
			List<String> phases, Migration migration, Priority priority, List<Topic> topics, List<Segment> segments) {
		this(formatVersion, name, title, location, entry, reentry, exits, goal, attributes, events, features, models, stages,
				campaigns, splits, tests, phases, migration, priority, topics, segments, null);
	}

	/** A plan that declares no segments. */
	public JourneyPlan(int formatVersion, String name, String title, SourceLocation location, Entry entry, Reentry reentry,
			List<Exit> exits, Goal goal, List<Attribute> attributes, List<EventType> events, List<Feature> features,
			List<Model> models, List<Stage> stages, List<Campaign> campaigns, List<Split> splits, List<TestCase> tests,
			List<String> phases, Migration migration, Priority priority, List<Topic> topics) {
		this(formatVersion, name, title, location, entry, reentry, exits, goal, attributes, events, features, models, stages,
				campaigns, splits, tests, phases, migration, priority, topics, null);
	}

	/** A plan that declares no subscription topics. */
	public JourneyPlan(int formatVersion, String name, String title, SourceLocation location, Entry entry, Reentry reentry,
			List<Exit> exits, Goal goal, List<Attribute> attributes, List<EventType> events, List<Feature> features,
			List<Model> models, List<Stage> stages, List<Campaign> campaigns, List<Split> splits, List<TestCase> tests,
			List<String> phases, Migration migration, Priority priority) {
		this(formatVersion, name, title, location, entry, reentry, exits, goal, attributes, events, features, models, stages,
				campaigns, splits, tests, phases, migration, priority, null);
	}

	/** A plan with the default priority. */
	public JourneyPlan(int formatVersion, String name, String title, SourceLocation location, Entry entry, Reentry reentry,
			List<Exit> exits, Goal goal, List<Attribute> attributes, List<EventType> events, List<Feature> features,
			List<Model> models, List<Stage> stages, List<Campaign> campaigns, List<Split> splits, List<TestCase> tests,
			List<String> phases, Migration migration) {
		this(formatVersion, name, title, location, entry, reentry, exits, goal, attributes, events, features, models, stages,
				campaigns, splits, tests, phases, migration, null);
	}

	/** This plan without its {@code migrate} block. */
	public JourneyPlan withoutMigration() {
		return new JourneyPlan(formatVersion, name, title, location, entry, reentry, exits, goal, attributes, events, features, models,
				stages, campaigns, splits, tests, phases, null, priority, topics, segments, broadcasts);
	}

	/** A plan without a {@code migrate} block. */
	public JourneyPlan(int formatVersion, String name, String title, SourceLocation location, Entry entry, Reentry reentry,
			List<Exit> exits, Goal goal, List<Attribute> attributes, List<EventType> events, List<Feature> features,
			List<Model> models, List<Stage> stages, List<Campaign> campaigns, List<Split> splits, List<TestCase> tests,
			List<String> phases) {
		this(formatVersion, name, title, location, entry, reentry, exits, goal, attributes, events, features, models, stages,
				campaigns, splits, tests, phases, (Migration) null);
	}

	/** A plan with the default phases. */
	public JourneyPlan(int formatVersion, String name, String title, SourceLocation location, Entry entry, Reentry reentry,
			List<Exit> exits, Goal goal, List<Attribute> attributes, List<EventType> events, List<Feature> features,
			List<Model> models, List<Stage> stages, List<Campaign> campaigns, List<Split> splits, List<TestCase> tests) {
		this(formatVersion, name, title, location, entry, reentry, exits, goal, attributes, events, features, models, stages,
				campaigns, splits, tests, (List<String>) null);
	}

	public Stage stage(String stageName) {
		for (Stage stage : stages) {
			if (stage.name().equals(stageName)) {
				return stage;
			}
		}
		return null;
	}

	public EventType event(String eventName) {
		for (EventType event : events) {
			if (event.name().equals(eventName)) {
				return event;
			}
		}
		return null;
	}

	public Feature feature(String featureName) {
		for (Feature feature : features) {
			if (feature.name().equals(featureName)) {
				return feature;
			}
		}
		return null;
	}

	/**
	 * The type of a feature's value: the field's type for {@code last} of a text or yes/no field
	 * (those keep the value itself), DECIMAL for every other feature (a number).
	 */
	public ValueType featureType(Feature feature) {
		if (feature.kind() == AggregateKind.LAST && feature.field() != null) {
			EventType type = event(feature.event());
			FieldDecl field = type == null ? null : type.field(feature.field());
			if (field != null && !field.type().isNumeric()) {
				return field.type();
			}
		}
		return ValueType.DECIMAL;
	}

	public Model model(String modelName) {
		for (Model model : models) {
			if (model.name().equals(modelName)) {
				return model;
			}
		}
		return null;
	}

	public Segment segment(String segmentName) {
		for (Segment segment : segments) {
			if (segment.name().equals(segmentName)) {
				return segment;
			}
		}
		return null;
	}

	public Campaign campaign(String campaignName) {
		for (Campaign campaign : campaigns) {
			if (campaign.name().equals(campaignName)) {
				return campaign;
			}
		}
		return null;
	}

	/** The stage customers enter: the entry's, or the first declared. */
	public String entryStage() {
		if (entry != null && entry.stage() != null) {
			return entry.stage();
		}
		return stages.isEmpty() ? null : stages.get(0).name();
	}
}
