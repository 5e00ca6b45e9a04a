package io.itinera.runtime.change;

import io.itinera.runtime.change.PlanChange.Kind;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Exit;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What changed from one version of a journey to the next, element by element. Pure. */
public final class PlanDiff {
	private final JourneyPlan oldPlan;
	private final JourneyPlan newPlan;
	private final StageMatching stages;
	private final List<PlanChange> changes = new ArrayList<>();

	private PlanDiff(JourneyPlan oldPlan, JourneyPlan newPlan) {
		this.oldPlan = oldPlan;
		this.newPlan = newPlan;
		this.stages = StageMatching.between(oldPlan, newPlan);
	}

	/**
	 * The changes from the plan a run's state was written with to {@code given}. A migrate block
	 * speaks of the version before it: once applied, the state's plan carries the same block, so the
	 * same block on both sides is not a change.
	 */
	public static List<PlanChange> sinceSaved(JourneyPlan saved, JourneyPlan given) {
		return migrationText(saved).equals(migrationText(given)) ? between(saved.withoutMigration(), given.withoutMigration())
				: between(saved, given);
	}

	/** A migrate block as written, without its locations. */
	private static String migrationText(JourneyPlan plan) {
		if (plan.migration() == null) {
			return "";
		}
		StringBuilder text = new StringBuilder(plan.migration().timers().keyword());
		plan.migration().stages().forEach(mapping -> text.append(';').append(mapping.from()).append("->").append(mapping.to()));
		return text.toString();
	}

	/** Every change, journey-level first, then stages, features, models, campaigns and splits. */
	public static List<PlanChange> between(JourneyPlan oldPlan, JourneyPlan newPlan) {
		PlanDiff diff = new PlanDiff(oldPlan, newPlan);
		diff.journey();
		diff.stages();
		diff.features();
		diff.segments();
		diff.models();
		diff.campaigns();
		diff.splits();
		return List.copyOf(diff.changes);
	}

	private void add(Kind kind, String description, SourceLocation before, SourceLocation after) {
		changes.add(new PlanChange(kind, description, before, after));
	}

	private void journey() {
		String oldEntry = entryText(oldPlan);
		String newEntry = entryText(newPlan);
		if (!oldEntry.equals(newEntry)) {
			add(Kind.ENTRY_CHANGED, "entry: " + oldEntry + " is now " + newEntry, at(oldPlan.entry()), at(newPlan.entry()));
		}
		String oldReentry = reentryText(oldPlan);
		String newReentry = reentryText(newPlan);
		if (!oldReentry.equals(newReentry)) {
			add(Kind.REENTRY_CHANGED, oldReentry + " is now " + newReentry, oldPlan.reentry().location(),
					newPlan.reentry().location());
		}
		Function<Exit, String> exitText = x -> "exit on " + x.event() + (x.condition() == null ? "" : " if " + ExprText.of(x.condition()));
		for (Exit exit : oldPlan.exits()) {
			if (newPlan.exits().stream().map(exitText).noneMatch(exitText.apply(exit)::equals)) {
				add(Kind.EXIT_REMOVED, exitText.apply(exit) + " removed", exit.location(), null);
			}
		}
		for (Exit exit : newPlan.exits()) {
			if (oldPlan.exits().stream().map(exitText).noneMatch(exitText.apply(exit)::equals)) {
				add(Kind.EXIT_ADDED, exitText.apply(exit) + " added", null, exit.location());
			}
		}
		String oldGoal = goalText(oldPlan);
		String newGoal = goalText(newPlan);
		if (!oldGoal.equals(newGoal)) {
			add(Kind.GOAL_CHANGED, oldGoal + " is now " + newGoal, oldPlan.goal() == null ? null : oldPlan.goal().location(),
					newPlan.goal() == null ? null : newPlan.goal().location());
		}
	}

	private static String entryText(JourneyPlan plan) {
		if (plan.entry() == null) {
			return "none";
		}
		return "on " + plan.entry().trigger() + (plan.entry().condition() == null ? "" : " if " + ExprText.of(plan.entry().condition()))
				+ " -> " + plan.entryStage();
	}

	private static String reentryText(JourneyPlan plan) {
		return plan.reentry() == null || plan.reentry().never() ? "reentry never"
				: "reentry after " + ExprText.duration(plan.reentry().afterMillis());
	}

	private static String goalText(JourneyPlan plan) {
		return plan.goal() == null ? "no goal"
				: "goal " + plan.goal().event() + (plan.goal().condition() == null ? "" : " if " + ExprText.of(plan.goal().condition()))
						+ " within " + ExprText.duration(plan.goal().windowMillis())
						+ (plan.goal().afterSendMillis() == null ? ""
								: plan.goal().afterSendMillis() == plan.goal().windowMillis() ? " after send"
										: ", " + ExprText.duration(plan.goal().afterSendMillis()) + " after send");
	}

	private static SourceLocation at(io.itinera.runtime.plan.Entry entry) {
		return entry == null ? null : entry.location();
	}

	// ------------------------------------------------------------------ stages and transitions

	private void stages() {
		for (StageMatching.Match match : stages.all()) {
			Stage old = oldPlan.stage(match.oldStage());
			switch (match.how()) {
				case REMOVED -> add(Kind.STAGE_REMOVED, "stage " + old.name() + " removed", old.location(), null);
				case GUESSED_RENAME -> add(Kind.STAGE_RENAMED, "stage " + old.name() + " renamed to " + match.newStage()
						+ " (same phase and transitions)", old.location(), newPlan.stage(match.newStage()).location());
				case MAPPED -> mapped(old, match);
				case SAME_NAME -> { }
			}
		}
		for (Stage added : newPlan.stages()) {
			String counterpart = stages.oldStageOf(added.name());
			if (counterpart == null) {
				add(Kind.STAGE_ADDED, "stage " + added.name() + " added", null, added.location());
			} else {
				Stage old = oldPlan.stage(counterpart);
				if (!Objects.equals(old.phase(), added.phase())) {
					add(Kind.STAGE_PHASE_CHANGED, "stage " + added.name() + ": phase " + phase(old) + " is now " + phase(added),
							old.location(), added.location());
				}
				transitions(old, added);
			}
		}
	}

	private void mapped(Stage old, StageMatching.Match match) {
		SourceLocation mappingAt = newPlan.migration().mappingOf(old.name()).location();
		boolean kept = newPlan.stage(old.name()) != null;
		String where = match.exits() ? "leave the journey" : "move to " + match.newStage();
		if (kept) {
			add(Kind.STAGE_REMAPPED, "stage " + old.name() + " kept, but its customers " + where + " (migrate)", old.location(),
					mappingAt);
		} else if (!match.exits() && oldPlan.stage(match.newStage()) == null) {
			add(Kind.STAGE_RENAMED, "stage " + old.name() + " renamed to " + match.newStage() + " (migrate)", old.location(),
					newPlan.stage(match.newStage()).location());
		} else {
			add(Kind.STAGE_REMOVED, "stage " + old.name() + " removed; its customers " + where + " (migrate)", old.location(),
					mappingAt);
		}
	}

	private static String phase(Stage stage) {
		return stage.phase() == null ? "(none)" : stage.phase();
	}

	private void transitions(Stage old, Stage current) {
		List<Transition> before = new ArrayList<>(old.transitions());
		List<Transition> after = new ArrayList<>(current.transitions());
		String where = "stage " + current.name() + ": ";
		pair(before, after, (b, a) -> PlanText.trigger(b).equals(PlanText.trigger(a)) && targetOf(b, old, current).equals(a.target()),
				(b, a) -> { });
		pair(before, after, (b, a) -> PlanText.trigger(b).equals(PlanText.trigger(a)),
				(b, a) -> add(Kind.TRANSITION_TARGET_CHANGED, where + PlanText.trigger(a) + " now goes to " + a.target()
						+ " (was " + b.target() + ")", b.location(), a.location()));
		pair(before, after, (b, a) -> b instanceof Transition.AfterDelay && a instanceof Transition.AfterDelay
				&& targetOf(b, old, current).equals(a.target()),
				(b, a) -> add(Kind.TIMER_CHANGED, where + "timer to " + a.target() + " " + PlanText.trigger(b) + " is now "
						+ PlanText.trigger(a), b.location(), a.location()));
		pair(before, after, (b, a) -> sameEventOrScore(b, a) && targetOf(b, old, current).equals(a.target()),
				(b, a) -> add(Kind.CONDITION_CHANGED, where + "condition of " + PlanText.transition(b) + " is now "
						+ PlanText.trigger(a), b.location(), a.location()));
		before.forEach(b -> add(Kind.TRANSITION_REMOVED, where + PlanText.transition(b) + " removed", b.location(), current.location()));
		after.forEach(a -> add(Kind.TRANSITION_ADDED, where + PlanText.transition(a) + " added", old.location(), a.location()));
	}

	private static boolean sameEventOrScore(Transition b, Transition a) {
		if (b instanceof Transition.OnEvent on && a instanceof Transition.OnEvent now) {
			return on.event().equals(now.event());
		}
		return b instanceof Transition.WhenScore && a instanceof Transition.WhenScore;
	}

	/** The old transition's target under its new name. */
	private String targetOf(Transition transition, Stage old, Stage current) {
		if (transition.target().equals(old.name())) {
			return current.name();
		}
		return stages.newNameOf(transition.target());
	}

	/** Removes from both lists, in order, each pair that {@code same} accepts, and reports it. */
	private static <T> void pair(List<T> before, List<T> after, BiPredicate<T, T> same, java.util.function.BiConsumer<T, T> report) {
		for (var iterator = before.iterator(); iterator.hasNext();) {
			T b = iterator.next();
			for (T a : after) {
				if (same.test(b, a)) {
					report.accept(b, a);
					after.remove(a);
					iterator.remove();
					break;
				}
			}
		}
	}

	// ------------------------------------------------------------------ features and models

	private void features() {
		for (Feature old : oldPlan.features()) {
			Feature current = newPlan.feature(old.name());
			if (current == null) {
				add(Kind.FEATURE_REMOVED, "feature " + old.name() + " removed", old.location(), null);
			} else if (!PlanText.definition(old).equals(PlanText.definition(current))) {
				add(Kind.FEATURE_DEFINITION_CHANGED, "feature " + old.name() + ": " + PlanText.feature(old) + " is now "
						+ PlanText.feature(current), old.location(), current.location());
			} else if (!old.window().equals(current.window())) {
				add(Kind.FEATURE_WINDOW_CHANGED, "feature " + old.name() + ": window" + orWhole(PlanText.window(old.window()))
						+ " is now" + orWhole(PlanText.window(current.window())), old.location(), current.location());
			}
		}
		for (Feature added : newPlan.features()) {
			if (oldPlan.feature(added.name()) == null) {
				add(Kind.FEATURE_ADDED, "feature " + added.name() + " = " + PlanText.feature(added) + " added", null, added.location());
			}
		}
	}

	/** A segment's condition (as inlined) changed, or the segment came or went; its uses show as conditions changed. */
	private void segments() {
		for (io.itinera.runtime.plan.Segment old : oldPlan.segments()) {
			io.itinera.runtime.plan.Segment current = newPlan.segment(old.name());
			if (current == null) {
				add(Kind.SEGMENT_REMOVED, "segment " + old.name() + " removed", old.location(), null);
			} else if (!ExprText.of(old.condition()).equals(ExprText.of(current.condition()))) {
				add(Kind.SEGMENT_CHANGED, "segment " + old.name() + ": " + ExprText.of(old.condition()) + " is now "
						+ ExprText.of(current.condition()), old.location(), current.location());
			}
		}
		for (io.itinera.runtime.plan.Segment added : newPlan.segments()) {
			if (oldPlan.segment(added.name()) == null) {
				add(Kind.SEGMENT_ADDED, "segment " + added.name() + " = " + ExprText.of(added.condition()) + " added", null,
						added.location());
			}
		}
	}

	private static String orWhole(String window) {
		return window.isEmpty() ? " (whole history)" : window;
	}

	private void models() {
		for (Model old : oldPlan.models()) {
			Model current = newPlan.model(old.name());
			if (current == null) {
				add(Kind.MODEL_REMOVED, "model " + old.name() + " removed", old.location(), null);
				continue;
			}
			List<String> what = new ArrayList<>();
			if (!old.path().equals(current.path())) {
				what.add("file " + old.path() + " is now " + current.path());
			}
			if (!old.inputs().equals(current.inputs())) {
				what.add("inputs " + String.join(", ", old.inputs()) + " are now " + String.join(", ", current.inputs()));
			}
			if (!Objects.equals(old.output(), current.output()) || !Objects.equals(old.column(), current.column())) {
				what.add("output " + output(old) + " is now " + output(current));
			}
			if (!what.isEmpty()) {
				add(Kind.MODEL_CHANGED, "model " + old.name() + ": " + String.join("; ", what), old.location(), current.location());
			}
		}
		for (Model added : newPlan.models()) {
			if (oldPlan.model(added.name()) == null) {
				add(Kind.MODEL_ADDED, "model " + added.name() + " added", null, added.location());
			}
		}
	}

	private static String output(Model model) {
		return model.output() + (model.column() == null ? "" : "[" + model.column() + "]");
	}

	// ------------------------------------------------------------------ campaigns and splits

	private void campaigns() {
		for (Campaign old : oldPlan.campaigns()) {
			Campaign current = newPlan.campaign(old.name());
			if (current == null) {
				add(Kind.CAMPAIGN_REMOVED, "campaign " + old.name() + " removed", old.location(), null);
			} else {
				campaign(old, current);
			}
		}
		for (Campaign added : newPlan.campaigns()) {
			if (oldPlan.campaign(added.name()) == null) {
				add(Kind.CAMPAIGN_ADDED, "campaign " + added.name() + " in " + String.join(", ", added.stages()) + " added", null,
						added.location());
			}
		}
	}

	private void campaign(Campaign old, Campaign current) {
		String where = "campaign " + current.name() + ": ";
		List<String> oldStages = old.stages().stream().map(this::newName).toList();
		if (!oldStages.equals(current.stages())) {
			add(Kind.CAMPAIGN_STAGES_CHANGED, where + "runs in " + String.join(", ", current.stages()) + " (was "
					+ String.join(", ", old.stages()) + ")", old.location(), current.location());
		}
		if (!Objects.equals(old.everyMillis(), current.everyMillis())) {
			add(Kind.SCHEDULE_CHANGED, where + every(old) + " is now " + every(current), old.location(), current.location());
		}
		String oldCaps = old.caps().stream().map(PlanText::cap).collect(Collectors.joining(", "));
		String newCaps = current.caps().stream().map(PlanText::cap).collect(Collectors.joining(", "));
		if (!oldCaps.equals(newCaps)) {
			add(Kind.CAP_CHANGED, where + orNone(oldCaps, "no cap") + " is now " + orNone(newCaps, "no cap"),
					old.caps().isEmpty() ? old.location() : old.caps().get(0).location(),
					current.caps().isEmpty() ? current.location() : current.caps().get(0).location());
		}
		if (!PlanText.quietHours(old.quietHours()).equals(PlanText.quietHours(current.quietHours()))) {
			add(Kind.QUIET_HOURS_CHANGED, where + PlanText.quietHours(old.quietHours()) + " is now "
					+ PlanText.quietHours(current.quietHours()), old.quietHours() == null ? old.location() : old.quietHours().location(),
					current.quietHours() == null ? current.location() : current.quietHours().location());
		}
		rules(old, current, where);
	}

	private void rules(Campaign old, Campaign current, String where) {
		for (CampaignRule rule : old.rules()) {
			CampaignRule now = rule(current, rule.title());
			if (now == null) {
				add(Kind.RULE_REMOVED, where + "rule \"" + rule.title() + "\" removed", rule.location(), current.location());
			} else if (!ruleText(rule).equals(ruleText(now))) {
				add(Kind.RULE_CHANGED, where + "rule \"" + rule.title() + "\" is now " + ruleText(now), rule.location(), now.location());
			}
		}
		for (CampaignRule rule : current.rules()) {
			if (rule(old, rule.title()) == null) {
				add(Kind.RULE_ADDED, where + "rule \"" + rule.title() + "\" added: " + ruleText(rule), old.location(), rule.location());
			}
		}
	}

	private static CampaignRule rule(Campaign campaign, String title) {
		return campaign.rules().stream().filter(r -> r.title().equals(title)).findFirst().orElse(null);
	}

	private static String ruleText(CampaignRule rule) {
		String when = rule.otherwise() || rule.condition() == null ? "otherwise" : "when " + ExprText.of(rule.condition());
		return when + rule.actions().stream().map(a -> " then " + PlanText.action(a)).collect(Collectors.joining());
	}

	private static String every(Campaign campaign) {
		return campaign.everyMillis() == null ? "no schedule" : "every " + ExprText.duration(campaign.everyMillis());
	}

	private static String orNone(String text, String none) {
		return text.isEmpty() ? none : text;
	}

	private String newName(String oldStage) {
		return stages.newNameOf(oldStage);
	}

	private void splits() {
		for (Split old : oldPlan.splits()) {
			Split current = split(newPlan, old.name());
			if (current == null) {
				add(Kind.SPLIT_REMOVED, "split " + old.name() + " removed", old.location(), null);
			} else if (!PlanText.arms(old).equals(PlanText.arms(current)) || !newName(old.stage()).equals(current.stage())) {
				add(Kind.SPLIT_ARMS_CHANGED, "split " + old.name() + " in " + current.stage() + ": arms " + PlanText.arms(old)
						+ " are now " + PlanText.arms(current), old.location(), current.location());
			}
		}
		for (Split added : newPlan.splits()) {
			if (split(oldPlan, added.name()) == null) {
				add(Kind.SPLIT_ADDED, "split " + added.name() + " in " + added.stage() + " " + PlanText.arms(added) + " added", null,
						added.location());
			}
		}
	}

	static Split split(JourneyPlan plan, String name) {
		return plan.splits().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
	}
}
