package io.itinera.runtime.step;

import io.itinera.runtime.expr.CompiledExpr;
import io.itinera.runtime.expr.ExprCompiler;
import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.feature.FeatureSlot;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Exit;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan turned into what the step function needs per input: array indices instead of names,
 * per-event handling lists, per-stage transition tables, compiled conditions. Built once.
 */
final class CompiledJourney {
	final JourneyPlan plan;
	final FeatureDefinition[] features;
	final String[] featureNames;
	final String[] modelNames;
	final int[][] modelInputs;
	/** Per model: the sequence features whose items it never recommends; null for scoring models. */
	final int[][] recommenderExcept;
	final String[] attributeNames;
	final Map<String, Integer> modelIndex = new HashMap<>();
	final Map<String, EventHandling> events = new HashMap<>();
	final Map<String, StageTable> stages = new HashMap<>();
	final ScoreTrigger[] triggers;
	/** The segments triggers watch; null when none does. */
	final SegmentWatch segments;
	/** Null when the journey declares no broadcasts. */
	final Broadcasts broadcasts;
	/** The index in {@link #segments} of the segment whose entering enters the journey; -1 for an entry on an event. */
	final int entrySegment;
	final String entryStage;
	final CompiledExpr entryCondition;
	final String entryCause;
	final CompiledExpr goalCondition;
	/** campaign → rule title → models its condition reads. */
	final Map<String, Map<String, int[]>> ruleModels = new HashMap<>();

	CompiledJourney(JourneyPlan plan) {
		this.plan = plan;
		Map<String, Integer> featureIndex = indexOf(plan.features().stream().map(Feature::name).toList());
		Map<String, Integer> attributeIndex = indexOf(plan.attributes().stream().map(a -> a.name()).toList());
		modelIndex.putAll(indexOf(plan.models().stream().map(Model::name).toList()));
		ExprCompiler compiler = new ExprCompiler(name -> featureIndex.getOrDefault(name, -1),
				name -> modelIndex.getOrDefault(name, -1), name -> attributeIndex.getOrDefault(name, -1));

		features = plan.features().stream().map(f -> FeatureDefinition.of(f, plan.featureType(f)))
				.toArray(FeatureDefinition[]::new);
		featureNames = plan.features().stream().map(Feature::name).toArray(String[]::new);
		attributeNames = plan.attributes().stream().map(a -> a.name()).toArray(String[]::new);
		modelNames = plan.models().stream().map(Model::name).toArray(String[]::new);
		modelInputs = new int[modelNames.length][];
		recommenderExcept = new int[modelNames.length][];
		for (int m = 0; m < modelNames.length; m++) {
			Model model = plan.models().get(m);
			modelInputs[m] = model.inputs().stream().mapToInt(input -> require(featureIndex, input, "feature")).toArray();
			if (model.recommends()) {
				recommenderExcept[m] = model.recommender().except().stream()
						.mapToInt(name -> require(featureIndex, name, "feature")).toArray();
			}
		}

		for (var event : plan.events()) {
			events.put(event.name(), new EventHandling(event.name()));
		}
		for (int f = 0; f < features.length; f++) {
			Feature feature = plan.features().get(f);
			handling(feature.event()).addFeatureUpdate(f, feature.field());
			String reset = features[f].resetEvent();
			if (reset != null) {
				handling(reset).featureResets.add(f);
			}
		}
		for (int m = 0; m < modelNames.length; m++) {
			for (int input : modelInputs[m]) {
				handling(plan.features().get(input).event()).models.add(m);
				String reset = features[input].resetEvent();
				if (reset != null) {
					handling(reset).models.add(m);
				}
			}
		}
		for (EventHandling handling : events.values()) {
			var declared = plan.event(handling.type);
			if (declared != null) {
				for (var field : declared.fields()) {
					Integer attribute = attributeIndex.get(field.name());
					if (attribute != null) {
						handling.attributeFields.add(field.name());
						handling.attributeIndices.add(attribute);
					}
				}
			}
		}
		for (Exit exit : plan.exits()) {
			handling(exit.event()).exits.add(new ExitRule(compiler.compile(exit.condition()), "exit:" + exit.event()));
		}
		if (plan.entry() != null) {
			if (plan.entry().segment() == null) {
				handling(plan.entry().event()).entry = true;
			}
			entryStage = plan.entryStage();
			require(plan.stages().stream().map(Stage::name).toList(), entryStage);
			entryCondition = compiler.compile(plan.entry().condition());
			entryCause = "entry:" + plan.entry().trigger();
		} else {
			entryStage = null;
			entryCondition = null;
			entryCause = null;
		}
		if (plan.goal() != null) {
			handling(plan.goal().event()).goal = true;
			goalCondition = compiler.compile(plan.goal().condition());
		} else {
			goalCondition = null;
		}

		List<ScoreTrigger> allTriggers = new ArrayList<>();
		List<String> watched = new ArrayList<>();
		if (plan.entry() != null && plan.entry().segment() != null) {
			watched.add(plan.entry().segment());
		}
		List<String> stageNames = plan.stages().stream().map(Stage::name).toList();
		for (Stage stage : plan.stages()) {
			StageTable table = new StageTable(stage.name(), stage.terminal());
			for (int t = 0; t < stage.transitions().size(); t++) {
				Transition transition = stage.transitions().get(t);
				if (!stageNames.contains(transition.target())) {
					throw new IllegalArgumentException(transition.location() + ": stage " + stage.name()
							+ " moves customers to " + transition.target() + ", which the plan does not declare; recompile the journey");
				}
				if (transition instanceof Transition.OnEvent onEvent) {
					table.onEvent.computeIfAbsent(onEvent.event(), e -> new ArrayList<>())
							.add(new EventMove(compiler.compile(onEvent.condition()), onEvent.target(), "event:" + onEvent.event()));
				} else if (transition instanceof Transition.OnSegment onSegment) {
					if (!watched.contains(onSegment.segment())) {
						watched.add(onSegment.segment());
					}
					table.segmentMoves.add(new SegmentMove(watched.indexOf(onSegment.segment()), onSegment.leaving(),
							onSegment.target(), (onSegment.leaving() ? "segment:leaving " : "segment:entering ") + onSegment.segment()));
				} else if (transition instanceof Transition.AfterDelay timer) {
					table.timers.add(new TimerMove(t, timer.delayMillis(), timer.target(), stage.name() + "#" + t + "@",
							"timer:after " + ExprText.duration(timer.delayMillis())));
				} else {
					Transition.WhenScore when = (Transition.WhenScore) transition;
					List<String> models = new ArrayList<>();
					ExprCompiler.collectModels(when.condition(), models);
					int model = models.isEmpty() ? -1 : modelIndex.get(models.get(0));
					ScoreTrigger trigger = new ScoreTrigger(allTriggers.size(), compiler.compile(when.condition()),
							when.hysteresis(), model, when.target(), "score:when " + ExprText.of(when.condition()));
					allTriggers.add(trigger);
					table.triggers.add(trigger);
				}
			}
			stages.put(stage.name(), table);
		}
		triggers = allTriggers.toArray(ScoreTrigger[]::new);
		if (watched.isEmpty()) {
			segments = null;
			entrySegment = -1;
		} else {
			List<CompiledExpr> conditions = new ArrayList<>();
			List<Integer> timeFeatures = new ArrayList<>();
			for (String name : watched) {
				io.itinera.runtime.plan.Segment segment = plan.segment(name);
				if (segment == null) {
					throw new IllegalArgumentException("the plan names a segment it does not declare: " + name + "; recompile the journey");
				}
				conditions.add(compiler.compile(segment.condition()));
				SegmentWatch.collectTimeFeatures(segment.condition(), features, featureIndex, timeFeatures);
			}
			segments = new SegmentWatch(watched, conditions, ((triggers.length + 63) / 64) * 64,
					timeFeatures.stream().mapToInt(Integer::intValue).toArray());
			entrySegment = plan.entry() != null && plan.entry().segment() != null ? 0 : -1;
		}

		broadcasts = plan.broadcasts().isEmpty() ? null : new Broadcasts(plan, compiler);

		for (Campaign campaign : plan.campaigns()) {
			Map<String, int[]> byRule = new HashMap<>();
			for (CampaignRule rule : campaign.rules()) {
				List<String> models = new ArrayList<>();
				ExprCompiler.collectModels(rule.condition(), models);
				byRule.put(rule.title(), models.stream().mapToInt(modelIndex::get).toArray());
			}
			ruleModels.put(campaign.name(), byRule);
			for (String stage : campaign.stages()) {
				StageTable table = stages.get(require(stageNames, stage));
				table.campaigns.add(campaign.name());
				if (campaign.everyMillis() != null && campaign.everyMillis() > 0) {
					table.recurrences.add(new Recurrence(campaign.name(), campaign.everyMillis(),
							stage + "#every:" + campaign.name() + "@"));
				}
			}
		}
		for (Split split : plan.splits()) {
			stages.get(require(stageNames, split.stage())).splits.add(split);
		}
		events.values().forEach(EventHandling::freeze);
	}

	private EventHandling handling(String event) {
		return events.computeIfAbsent(event, EventHandling::new);
	}

	private static Map<String, Integer> indexOf(List<String> names) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			index.put(names.get(i), i);
		}
		return index;
	}

	private static int require(Map<String, Integer> index, String name, String what) {
		Integer i = index.get(name);
		if (i == null) {
			throw new IllegalArgumentException("the plan names a " + what + " it does not declare: " + name);
		}
		return i;
	}

	private static String require(List<String> stages, String stage) {
		if (!stages.contains(stage)) {
			throw new IllegalArgumentException("the plan names a stage it does not declare: " + stage);
		}
		return stage;
	}

	/** What an event of one type does: features to update or reset, attributes to copy, models to rescore. */
	static final class EventHandling {
		final String type;
		final List<Integer> featureUpdates = new ArrayList<>();
		final List<String> featureFields = new ArrayList<>();
		final List<Integer> featureResets = new ArrayList<>();
		final List<String> attributeFields = new ArrayList<>();
		final List<Integer> attributeIndices = new ArrayList<>();
		final Set<Integer> models = new LinkedHashSet<>();
		final List<ExitRule> exits = new ArrayList<>();
		boolean entry;
		boolean goal;
		private int[] updateArray;
		private int[] resetArray;
		private int[] modelArray;

		EventHandling(String type) {
			this.type = type;
		}

		void addFeatureUpdate(int feature, String field) {
			featureUpdates.add(feature);
			featureFields.add(field);
		}

		int[] updates() {
			if (updateArray == null) {
				updateArray = featureUpdates.stream().mapToInt(Integer::intValue).toArray();
			}
			return updateArray;
		}

		int[] resets() {
			if (resetArray == null) {
				resetArray = featureResets.stream().mapToInt(Integer::intValue).toArray();
			}
			return resetArray;
		}

		int[] modelsToScore() {
			if (modelArray == null) {
				modelArray = models.stream().mapToInt(Integer::intValue).toArray();
			}
			return modelArray;
		}

		void freeze() {
			updates();
			resets();
			modelsToScore();
		}
	}

	record ExitRule(CompiledExpr condition, String cause) {
	}

	record EventMove(CompiledExpr condition, String target, String cause) {
	}

	record TimerMove(int transitionIndex, long delayMillis, String target, String idPrefix, String cause) {
	}

	/** A score-driven transition; {@code index} is its bit in {@link CustomerState#firedTriggers}. */
	record ScoreTrigger(int index, CompiledExpr condition, Transition.Hysteresis hysteresis, int model, String target,
			String cause) {
	}

	/** {@code on entering|leaving segment S -> target}; {@code segment} is its index in {@link #segments}. */
	record SegmentMove(int segment, boolean leaving, String target, String cause) {
	}

	/** A campaign's {@code every D} in one stage; timer ids are {@code Stage#every:Campaign@dueAt}. */
	record Recurrence(String campaign, long periodMillis, String idPrefix) {
	}

	/** One stage's ways out and campaigns. */
	static final class StageTable {
		final String name;
		final boolean terminal;
		final Map<String, List<EventMove>> onEvent = new HashMap<>();
		final List<TimerMove> timers = new ArrayList<>();
		final List<ScoreTrigger> triggers = new ArrayList<>();
		final List<SegmentMove> segmentMoves = new ArrayList<>();
		final List<String> campaigns = new ArrayList<>();
		final List<Split> splits = new ArrayList<>();
		final List<Recurrence> recurrences = new ArrayList<>();

		StageTable(String name, boolean terminal) {
			this.name = name;
			this.terminal = terminal;
		}

		Recurrence recurrence(String timerId) {
			for (Recurrence recurrence : recurrences) {
				if (timerId.startsWith(recurrence.idPrefix())) {
					return recurrence;
				}
			}
			return null;
		}

		TimerMove timer(String timerId) {
			for (TimerMove timer : timers) {
				if (timerId.startsWith(timer.idPrefix())) {
					return timer;
				}
			}
			return null;
		}
	}

	/** Sizes a state's arrays to the plan (a fresh state, or one stored under an older plan). */
	void fit(CustomerState state) {
		int featureCount = features.length;
		if (state.features.length != featureCount) {
			FeatureSlot[] slots = Arrays.copyOf(state.features, featureCount);
			state.features = slots;
		}
		for (int f = 0; f < featureCount; f++) {
			if (state.features[f] == null) {
				state.features[f] = features[f].newSlot();
			}
		}
		if (state.scores.length != modelNames.length) {
			int old = state.scores.length;
			state.scores = Arrays.copyOf(state.scores, modelNames.length);
			for (int m = old; m < state.scores.length; m++) {
				state.scores[m] = Double.NaN;
			}
		}
		if (state.recommendations.length != modelNames.length) {
			state.recommendations = Arrays.copyOf(state.recommendations, modelNames.length);
		}
		int words = segments == null ? (triggers.length + 63) / 64 : segments.words();
		if (state.firedTriggers.length != words) {
			state.firedTriggers = Arrays.copyOf(state.firedTriggers, words);
		}
		if (state.attributes.length != attributeNames.length) {
			state.attributes = Arrays.copyOf(state.attributes, attributeNames.length);
		}
	}
}
