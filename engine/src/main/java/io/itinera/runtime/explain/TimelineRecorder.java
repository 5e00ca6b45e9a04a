package io.itinera.runtime.explain;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.StepListener;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.ConditionNames;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.rules.CustomerFact;
import io.itinera.runtime.rules.RuleTrace;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.ArmOutcome;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.GoalReached;
import io.itinera.runtime.step.CustomerStateReader;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.WorkspaceState;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what the driver did for one customer into timeline entries: the event, the goal, stage
 * changes with the values their conditions read, each rule evaluated (fired, held but lost to an
 * earlier rule, no match) with the values it read, actions, and messages held or not sent with
 * their reason.
 */
final class TimelineRecorder implements StepListener {
	/**
	 * One journey as the replay runs it: its plan, its step function, the trace of its rules and the board
	 * its learning splits read their weights from (null: none).
	 */
	record TracedJourney(JourneyPlan plan, PlanStep step, RuleTrace trace, CustomerStateReader reader, SplitWeights.Board weights) {
		TracedJourney(JourneyPlan plan, PlanStep step, RuleTrace trace, SplitWeights.Board weights) {
			this(plan, step, trace, new CustomerStateReader(plan), weights);
		}
	}

	private final List<TracedJourney> journeys;
	private final boolean workspace;
	/** Each declared event's fields, in declared order (the first journey declaring a field first). */
	private final Map<String, List<String>> declaredFields = new LinkedHashMap<>();
	private final List<TimelineEntry> entries = new ArrayList<>();
	private final List<ActionRecord> actions = new ArrayList<>();
	/** Why each message still held was held (quiet hours, or a cap another journey took), by action id. */
	private final Map<String, DeliveryOutcome> held = new HashMap<>();

	/** {@code journeys} in the order the step offers them inputs; {@code workspace}: the step is a workspace's (results name journeys). */
	TimelineRecorder(List<TracedJourney> journeys, boolean workspace) {
		this.journeys = List.copyOf(journeys);
		this.workspace = workspace;
		for (TracedJourney journey : journeys) {
			journey.plan().events().forEach(event -> {
				List<String> fields = declaredFields.computeIfAbsent(event.name(), name -> new ArrayList<>());
				event.fields().forEach(field -> {
					if (!fields.contains(field.name())) {
						fields.add(field.name());
					}
				});
			});
		}
	}

	List<TimelineEntry> entries() {
		return entries;
	}

	/** The actions written (sends, held ones when released, tags, webhooks), in order. */
	List<ActionRecord> actions() {
		return actions;
	}

	@Override
	public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
		Event event = input instanceof Event e ? e : null;
		if (event != null && declaredFields.containsKey(event.type())) {
			Map<String, Object> fields = new LinkedHashMap<>();
			for (String field : declaredFields.get(event.type())) {
				if (event.fields().containsKey(field)) {
					fields.put(field, event.fields().get(field));
				}
			}
			entries.add(new TimelineEntry(event.at(), workspace ? null : journeys.get(0).plan().name(), "event", event.type(), null,
					fields));
		}
		Map<String, DeliveryNotice> released = new LinkedHashMap<>();
		for (DeliveryNotice notice : result.deliveryNotices()) {
			if (notice.outcome() == DeliveryOutcome.RELEASED) {
				released.put(notice.actionId(), notice);
			}
		}
		for (TracedJourney journey : journeys) {
			String name = workspace ? journey.plan().name() : null;
			CustomerState state = partOf(result.state(), journey);
			for (GoalReached goal : result.goalsReached()) {
				if (Objects.equals(goal.journey(), name)) {
					add(journey, goal.at(), "goal", goal.event(), "reached within "
							+ ExprText.duration(journey.plan().goal().windowMillis()) + " of entering the journey",
							journey.plan().goal().valueField() == null ? Map.of() : Map.of("value", goal.value()));
				}
			}
			boolean moved = false;
			for (StageChange change : result.stageChanges()) {
				if (Objects.equals(change.journey(), name)) {
					stageChange(journey, change, state, event);
					moved = true;
				}
			}
			if (event != null && !moved && state.inJourney()) {
				stays(journey, state, event);
			}
			for (ArmOutcome outcome : result.armOutcomes()) {
				if (outcome.journey().equals(journey.plan().name())) {
					arm(journey, outcome);
				}
			}
			for (RuleTrace.Evaluation evaluation : journey.trace().drain()) {
				rules(journey, evaluation);
			}
			for (ActionRecord action : result.actions()) {
				if (!Objects.equals(action.journey(), name)) {
					continue;
				}
				actions.add(action);
				String what = action.channel() == null ? action.target() : action.channel() + " " + action.target();
				String why = released.containsKey(action.id()) ? releaseReason(held.remove(action.id())) : null;
				Map<String, Object> values = new LinkedHashMap<>(action.params());
				values.put("rule", action.campaign() + " :: " + action.rule());
				add(journey, action.at(), action.kind(), what, why, values);
			}
			for (DeliveryNotice notice : result.deliveryNotices()) {
				if (Objects.equals(notice.journey(), name)) {
					notice(journey, notice, state);
				}
				if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS || notice.outcome() == DeliveryOutcome.HELD_FOR_BEST_HOUR
				|| notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY) {
					held.put(notice.actionId(), notice.outcome());
				}
			}
		}
	}

	/** A learning split's assignment, with the shares of that epoch's weights, or its conversion. */
	private void arm(TracedJourney journey, ArmOutcome outcome) {
		String what = "split " + outcome.split() + ": " + outcome.arm();
		if (outcome.conversion()) {
			add(journey, outcome.at(), "arm", what, "goal reached: a conversion for the arm, counted at the next epoch", Map.of());
			return;
		}
		Split split = journey.plan().splits().stream().filter(s -> s.name().equals(outcome.split())).findFirst().orElseThrow();
		SplitWeights weights = journey.weights() == null ? SplitWeights.STARTING : journey.weights().current();
		double[] shares = SplitAssignment.shares(split, weights.of(journey.plan().name(), split.name()));
		StringBuilder why = new StringBuilder(weights.epochStart() == Long.MIN_VALUE ? "assigned by the starting weights: "
				: "assigned by the weights of the epoch from " + TimelineText.time(weights.epochStart()) + ": ");
		for (int a = 0; a < shares.length; a++) {
			why.append(a == 0 ? "" : ", ").append(split.arms().get(a).label()).append(' ')
					.append(String.format(Locale.ROOT, "%.1f%%", shares[a] * 100));
		}
		add(journey, outcome.at(), "arm", what, why.toString(), Map.of());
	}

	private static String releaseReason(DeliveryOutcome heldBy) {
		return heldBy == DeliveryOutcome.HELD_BY_PRIORITY ? "released: the cap allows it now"
				: heldBy == DeliveryOutcome.HELD_BY_QUIET_HOURS ? "released: quiet hours are over"
				: heldBy == DeliveryOutcome.HELD_FOR_BEST_HOUR ? "released: the customer's best hour" : "released after being held";
	}

	/** The journey's own state: a workspace customer's state holds one per journey. */
	private static CustomerState partOf(CustomerState state, TracedJourney journey) {
		return state instanceof WorkspaceState workspace ? workspace.part(journey.plan().name()) : state;
	}

	@Override
	public void onLateEvent(Event event, long line, long customerClock, long lateness) {
		entries.add(new TimelineEntry(event.at(), workspace ? null : journeys.get(0).plan().name(), "late", event.type(), "line " + line + " came after the customer's time had reached "
				+ TimelineText.time(customerClock) + " (more than the lateness): dead-lettered, not applied", event.fields()));
	}

	@Override
	public void onFailedInput(StepInput input, long line, RuntimeException error) {
		entries.add(new TimelineEntry(input.at(), workspace ? null : journeys.get(0).plan().name(), "failed",
				input.getClass().getSimpleName() + (line > 0 ? " (line " + line + ")" : ""), String.valueOf(error.getMessage()),
				Map.of()));
	}

	private void stageChange(TracedJourney journey, StageChange change, CustomerState state, Event event) {
		JourneyPlan plan = journey.plan();
		String from = change.from() == null ? "(out)" : change.from();
		String to = change.to() == null ? "(out)" : change.to();
		String cause = change.cause();
		Expr condition = null;
		String why;
		if (cause.startsWith("entry:")) {
			why = "entry on " + cause.substring(6);
			condition = plan.entry() == null ? null : plan.entry().condition();
		} else if (cause.startsWith("exit:")) {
			why = "exit on " + cause.substring(5);
			condition = plan.exits().stream().filter(x -> x.event().equals(cause.substring(5))).map(x -> x.condition())
					.filter(c -> c != null).findFirst().orElse(null);
		} else if (cause.startsWith("event:")) {
			why = "on " + cause.substring(6);
			condition = eventCondition(plan, change.from(), cause.substring(6), change.to());
			if (condition != null) {
				why += " if " + ExprText.of(condition);
			}
		} else if (cause.startsWith("timer:")) {
			why = cause.substring(6);
		} else if (cause.startsWith("score:")) {
			why = cause.substring(6);
			condition = scoreCondition(plan, change.from(), change.to());
		} else if (cause.equals("completed")) {
			why = "completed: entering again";
		} else {
			why = cause;
		}
		Map<String, Object> values = new LinkedHashMap<>();
		if (condition != null) {
			for (String name : ConditionNames.of(condition)) {
				values.put(name, journey.reader().valueOf(state, name, change.at(), event));
			}
		}
		add(journey, change.at(), "stage", from + " -> " + to, why, values);
	}

	/** An event whose transitions out of the customer's stage all have a condition, none of which held: why they stay. */
	private void stays(TracedJourney journey, CustomerState state, Event event) {
		Stage stage = journey.plan().stage(state.stage());
		if (stage == null) {
			return;
		}
		for (Transition transition : stage.transitions()) {
			if (transition instanceof Transition.OnEvent on && on.event().equals(event.type()) && on.condition() != null) {
				Map<String, Object> values = new LinkedHashMap<>();
				for (String name : ConditionNames.of(on.condition())) {
					values.put(name, journey.reader().valueOf(state, name, event.at(), event));
				}
				add(journey, event.at(), "stage", stage.name() + " (stays)", "on " + event.type() + " if "
						+ ExprText.of(on.condition()) + " does not hold", values);
			}
		}
	}

	private static Expr eventCondition(JourneyPlan plan, String from, String eventType, String to) {
		Stage stage = from == null ? null : plan.stage(from);
		if (stage == null) {
			return null;
		}
		for (Transition transition : stage.transitions()) {
			if (transition instanceof Transition.OnEvent on && on.event().equals(eventType) && on.target().equals(to)) {
				return on.condition();
			}
		}
		return null;
	}

	private static Expr scoreCondition(JourneyPlan plan, String from, String to) {
		Stage stage = from == null ? null : plan.stage(from);
		if (stage == null) {
			return null;
		}
		for (Transition transition : stage.transitions()) {
			if (transition instanceof Transition.WhenScore when && when.target().equals(to)) {
				return when.condition();
			}
		}
		return null;
	}

	/** Every rule of the campaigns the rules were offered, in declared order, with its verdict and the values it read. */
	private void rules(TracedJourney journey, RuleTrace.Evaluation evaluation) {
		JourneyPlan plan = journey.plan();
		CustomerFact fact = evaluation.customer();
		String occasion = fact.getEvent() != null ? "on " + fact.getEvent().getType()
				: fact.isStageEntered() ? "on entering " + fact.getStage() : "on schedule";
		for (String campaignName : fact.getCampaigns()) {
			Campaign campaign = plan.campaign(campaignName);
			if (campaign == null) {
				continue;
			}
			for (CampaignRule rule : campaign.rules()) {
				String name = campaign.name() + " :: " + rule.title();
				String verdict;
				if (evaluation.fired().contains(name)) {
					verdict = "fired";
				} else if (rule.otherwise()) {
					continue; // an otherwise rule that did not fire says nothing
				} else if (evaluation.matched().contains(name)) {
					verdict = "held, but an earlier rule of " + campaign.name() + " decided";
				} else {
					verdict = "no match";
				}
				Map<String, Object> values = new LinkedHashMap<>();
				for (String read : ConditionNames.of(rule.condition())) {
					values.put(read, factValue(fact, read));
				}
				add(journey, fact.getAt(), "rule", name, verdict + " (" + occasion + ")", values);
			}
		}
	}

	private static Object factValue(CustomerFact fact, String name) {
		if (fact.getKeptValues().containsKey(name)) {
			return fact.getKeptValues().get(name);
		}
		if (fact.getFeatures().containsKey(name)) {
			return fact.getFeatures().get(name);
		}
		if (fact.getScores().containsKey(name)) {
			return fact.getScores().get(name);
		}
		int dot = name.indexOf('.');
		if (dot > 0 && fact.getEvent() != null && fact.getEvent().getType().equals(name.substring(0, dot))) {
			return fact.getEvent().getFields().get(name.substring(dot + 1));
		}
		return fact.getAttribute(name);
	}

	private void notice(TracedJourney journey, DeliveryNotice notice, CustomerState state) {
		String what = notice.channel() + " " + notice.target();
		Map<String, Object> values = Map.of("rule", notice.campaign() + " :: " + notice.rule());
		switch (notice.outcome()) {
			case HELD_BY_QUIET_HOURS -> add(journey, notice.at(), "held", what, "quiet hours of " + notice.campaign() + " until "
					+ TimelineText.time(notice.releaseAt()) + " UTC", values);
			case HELD_FOR_BEST_HOUR -> add(journey, notice.at(), "held", what, "best hour of the customer (or the fallback time): until "
					+ TimelineText.time(notice.releaseAt()) + " UTC", values);
			case SUPPRESSED_BY_CAP -> add(journey, notice.at(), "not-sent", what, capReason(notice), values);
			case SUPPRESSED_HOLDOUT -> add(journey, notice.at(), "not-sent", what, holdoutReason(journey.plan(), notice), values);
			case LOST_TO_PRIORITY -> add(journey, notice.at(), "not-sent", what, "lost to journey " + notice.lostToJourney() + "'s rule "
					+ notice.lostToRule() + " (" + capReason(notice) + ")", values);
			case HELD_BY_PRIORITY -> add(journey, notice.at(), "held", what, "journey " + notice.lostToJourney() + "'s rule "
					+ notice.lostToRule() + " took the cap (" + capReason(notice) + "); waits until "
					+ TimelineText.time(notice.releaseAt()) + " UTC", values);
			case DROPPED_STAGE_LEFT -> add(journey, notice.at(), "not-sent", what, "the customer left the stage before quiet hours ended"
					+ (state.inJourney() ? " (now in " + state.stage() + ")" : " (out of the journey)"), values);
			case NOT_SUBSCRIBED -> add(journey, notice.at(), "not-sent", what, consentReason(notice), values);
			default -> {
				// RELEASED: the send line says so
			}
		}
	}

	/** The topic, and when and how the customer withdrew consent. */
	private static String consentReason(DeliveryNotice notice) {
		var why = notice.notSubscribed();
		if (why == null) {
			return "not subscribed";
		}
		return "not subscribed to " + why.topic() + (why.at() == 0 ? ": " + why.how()
				: ": " + why.how() + " at " + TimelineText.time(why.at()) + " UTC");
	}

	/** The cap as the step recorded it, and the sends it counted. */
	private static String capReason(DeliveryNotice notice) {
		return notice.cap() == null ? "cap reached"
				: "cap reached: " + notice.cap() + ", " + notice.capCount() + " sent in that time";
	}

	private static String holdoutReason(JourneyPlan plan, DeliveryNotice notice) {
		for (Split split : plan.splits()) {
			for (Split.Arm arm : split.arms()) {
				if (!arm.holdout() && notice.campaign().equals(arm.campaign())) {
					return "holdout arm of split " + split.name() + " (what " + notice.campaign() + " would have sent)";
				}
			}
		}
		return "holdout arm of a split";
	}

	private void add(TracedJourney journey, long at, String kind, String what, String why, Map<String, Object> values) {
		entries.add(new TimelineEntry(at, journey.plan().name(), kind, what, why, values));
	}
}
