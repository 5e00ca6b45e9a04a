package io.itinera.runtime.change;

import io.itinera.runtime.change.ChangeFinding.Severity;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Migration;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What replacing a running journey by a new version would do to the customers already in it, each
 * finding at a line of the new version ({@code itinera check NEW --against OLD}). Pure.
 */
public final class MigrationCheck {
	private final JourneyPlan oldPlan;
	private final JourneyPlan newPlan;
	private final StageMatching stages;
	private final List<ChangeFinding> findings = new ArrayList<>();

	private MigrationCheck(JourneyPlan oldPlan, JourneyPlan newPlan) {
		this.oldPlan = oldPlan;
		this.newPlan = newPlan;
		this.stages = StageMatching.between(oldPlan, newPlan);
	}

	public static List<ChangeFinding> of(JourneyPlan oldPlan, JourneyPlan newPlan) {
		MigrationCheck check = new MigrationCheck(oldPlan, newPlan);
		check.mappingsNameOldStages();
		check.everyOldStageHasAPlace();
		check.timers();
		check.features();
		check.splits();
		return List.copyOf(check.findings);
	}

	private void report(Severity severity, SourceLocation location, String message) {
		findings.add(new ChangeFinding(severity, location, message));
	}

	/** Where a finding about the journey as a whole goes: its migrate block, or its first line. */
	private SourceLocation journeyLevel() {
		return newPlan.migration() != null ? newPlan.migration().location() : newPlan.location();
	}

	private static String line(SourceLocation location) {
		return location.file() + ":" + location.line();
	}

	private void mappingsNameOldStages() {
		if (newPlan.migration() == null) {
			return;
		}
		String oldStages = oldPlan.stages().stream().map(Stage::name).collect(Collectors.joining(", "));
		for (Migration.StageMapping mapping : newPlan.migration().stages()) {
			if (oldPlan.stage(mapping.from()) == null) {
				report(Severity.ERROR, mapping.location(), "Stage " + mapping.from() + " is not in the running version ("
						+ line(oldPlan.location()) + ", stages " + oldStages + "); fix the name or remove this line.");
			}
		}
	}

	private void everyOldStageHasAPlace() {
		for (StageMatching.Match match : stages.all()) {
			Stage old = oldPlan.stage(match.oldStage());
			if (match.how() == StageMatching.How.REMOVED) {
				report(Severity.ERROR, journeyLevel(), "Stage " + old.name() + " (" + line(old.location())
						+ ") is gone and its customers have nowhere to go: add `migrate { " + old.name() + " -> STAGE }`, or `"
						+ old.name() + " -> exit` to take them out of the journey.");
			} else if (match.how() == StageMatching.How.GUESSED_RENAME) {
				report(Severity.WARNING, newPlan.stage(match.newStage()).location(), "Stage " + old.name() + " ("
						+ line(old.location()) + ") looks renamed to " + match.newStage()
						+ " (same phase and transitions): its customers move here. Write `migrate { " + old.name() + " -> "
						+ match.newStage() + " }` to say so.");
			}
		}
	}

	private void timers() {
		String basis = newPlan.migration() == null ? "entry" : newPlan.migration().timers().keyword();
		for (StageMatching.Match match : stages.all()) {
			if (match.newStage() == null) {
				continue;
			}
			Stage old = oldPlan.stage(match.oldStage());
			Stage current = newPlan.stage(match.newStage());
			TimerCarryOver timers = TimerCarryOver.between(old, current, stages);
			String who = match.oldStage().equals(match.newStage()) ? "customers in " + old.name()
					: "customers moved from " + old.name();
			for (int index : timers.cancelled()) {
				Transition timer = old.transitions().get(index);
				report(Severity.WARNING, current.location(), "The timer `" + PlanText.transition(timer) + "` ("
						+ line(timer.location()) + ") is gone: it is cancelled for " + who + ".");
			}
			for (int index : timers.added()) {
				Transition.AfterDelay timer = (Transition.AfterDelay) current.transitions().get(index);
				report(Severity.WARNING, timer.location(), "New timer for " + who + ": " + counted(basis, timer, old.name())
						+ " Write `migrate { timers from " + ("entry".equals(basis) ? "now" : "entry") + " }` for the other choice.");
			}
		}
	}

	private static String counted(String basis, Transition.AfterDelay timer, String oldStage) {
		String delay = ExprText.duration(timer.delayMillis());
		return "entry".equals(basis)
				? "it counts from when they entered " + oldStage + " (migrate timers from entry), so those there for " + delay
						+ " or more move to " + timer.target() + " at once."
				: "it counts from the migration (migrate timers from now): they move to " + timer.target() + " " + delay
						+ " after it.";
	}

	private void features() {
		for (Feature old : oldPlan.features()) {
			Feature current = newPlan.feature(old.name());
			if (current == null) {
				continue;
			}
			if (!PlanText.definition(old).equals(PlanText.definition(current))) {
				report(Severity.WARNING, current.location(), "Feature " + current.name() + " is now " + PlanText.feature(current)
						+ " (was " + PlanText.feature(old) + ", " + line(old.location()) + "): every customer's value is reset.");
			} else if (!old.window().equals(current.window())) {
				report(Severity.WARNING, current.location(), "Feature " + current.name() + ": window" + PlanText.window(old.window())
						+ " is now" + PlanText.window(current.window()) + " (" + line(old.location()) + "): " + windowFate(old, current));
			}
		}
	}

	/** Buckets can be merged into wider ones, never split: a whole multiple keeps the history. */
	static String windowFate(Feature old, Feature current) {
		if (old.window() instanceof FeatureWindow.Sliding before && current.window() instanceof FeatureWindow.Sliding after
				&& after.lengthMillis() % before.lengthMillis() == 0) {
			long times = after.lengthMillis() / before.lengthMillis();
			return "its buckets are kept (the new window is " + times + " times the old one, so " + times
					+ " old buckets make one new one); events older than the old window were never kept.";
		}
		return "its buckets are reset (the new window is not a whole multiple of the old one): values start from nothing.";
	}

	private void splits() {
		for (Split old : oldPlan.splits()) {
			Split current = PlanDiff.split(newPlan, old.name());
			if (current == null || PlanText.arms(old).equals(PlanText.arms(current))) {
				continue;
			}
			int moved = percentChangingArm(old, current);
			report(Severity.WARNING, current.location(), "Split " + current.name() + ": arms " + PlanText.arms(old) + " ("
					+ line(old.location()) + ") are now " + PlanText.arms(current) + ". Arms come from a hash of the customer id, so "
					+ (moved == 0 ? "every customer keeps their arm."
							: moved + "% of customers in " + current.stage() + " would get another arm: the customers already in keep"
									+ " theirs (the migration records it), the new percentages are for those who come after; rename the"
									+ " split to assign everyone afresh."));
		}
	}

	/** Of the 100 places a customer id hashes to, how many get another arm's label. */
	static int percentChangingArm(Split old, Split current) {
		int moved = 0;
		for (int place = 0; place < 100; place++) {
			if (!labelAt(old, place).equals(labelAt(current, place))) {
				moved++;
			}
		}
		return moved;
	}

	private static String labelAt(Split split, int place) {
		int upTo = 0;
		for (Split.Arm arm : split.arms()) {
			upTo += arm.percent();
			if (place < upTo) {
				return arm.label();
			}
		}
		return "holdout";
	}
}
