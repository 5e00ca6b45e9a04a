package io.itinera.cli;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.change.MigrationTally;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanChange;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.state.StoredJourney;
import io.itinera.runtime.state.StateMigration;
import io.itinera.runtime.state.StatePinning;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.workspace.WorkspacePlans;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code run} does when the journey it is given is not the one its state was written with:
 * refuse with the changes and what to do, migrate the customers first ({@code --migrate}), or pin
 * those on their way to the old version ({@code --pin-old}). Errors are thrown as
 * IllegalArgumentException with the message for the user.
 */
final class ChangedJourney {
	enum Answer {
		REFUSE, MIGRATE, PIN_OLD
	}

	private final Path journey;
	private final Path stateDirectory;
	private final PrintWriter err;

	ChangedJourney(Path journey, Path stateDirectory, PrintWriter err) {
		this.journey = journey;
		this.stateDirectory = stateDirectory;
		this.err = err;
	}

	/** Changes listed when a resumed run's journey changed; the rest are counted. */
	private static final int CHANGES_LISTED = 10;

	/**
	 * Resumes the state with {@code parts}' journey. A state holds customers of the version of the journey it was written with: resuming it with
	 * another version would run them under rules they were not laid out for. Locations and comments
	 * are not changes ({@link PlanDiff}). A changed journey is refused unless {@code --migrate} (its
	 * customers moved to the new version first) or {@code --pin-old} (both versions side by side).
	 */
	void adopt(CustomerStateStore store, AssembledJourney parts, EngineConfig config, Answer answer) {
		RunProgress progress = store.progress().orElse(null);
		if (progress == null || !progress.run().equals(config.runName())) {
			return;
		}
		JourneyPlan plan = parts.plan();
		Optional<String> saved = store.planJson();
		if (saved.isEmpty()) {
			throw new IllegalArgumentException("The state in " + stateDirectory + " was written by an older itinera that did not keep"
					+ " the journey it ran, so a changed journey cannot be told from the same one.\nIf " + journey
					+ " is the version it ran, record it and run this command again:\n  itinera migrate --state " + stateDirectory
					+ " --old " + journey + " " + journey + "\nor, for another version, give that one as --old.");
		}
		JourneyPlan savedPlan;
		try {
			savedPlan = PlanJson.read(saved.get());
		} catch (PlanJson.PlanFormatException e) {
			throw new IllegalStateException("the plan saved in " + stateDirectory + " cannot be read (" + e.getMessage()
					+ "); give this run another --state directory to start over");
		}
		List<PlanChange> changes = PlanDiff.sinceSaved(savedPlan, plan);
		if (changes.isEmpty()) {
			return;
		}
		if (answer == Answer.MIGRATE) {
			long started = System.nanoTime();
			MigrationTally tally = StateMigration.apply(store, progress, savedPlan, parts.newStep(), config.planJson(),
					progress.latestEventAt()).tally();
			if (!tally.stranded().isEmpty()) {
				StringBuilder message = new StringBuilder("Nothing was migrated or run: customers of " + stateDirectory
						+ " sit in stages " + journey + " no longer has:");
				tally.stranded().forEach((stage, customers) -> message.append("\n  ").append(customers).append(" in ").append(stage)
						.append(": add `").append(stage).append(" -> Stage` or `").append(stage).append(" -> exit` to its migrate block"));
				throw new IllegalArgumentException(message.toString());
			}
			err.println("Migrated the customers in " + stateDirectory + " to " + journey + " (" + changes.size()
					+ (changes.size() == 1 ? " change" : " changes") + "): " + tally.summary()
					+ String.format(Locale.ROOT, " (one atomic write, %.1f s); itinera migrate --dry-run shows the detail.",
							(System.nanoTime() - started) / 1e9));
			return;
		}
		if (answer == Answer.PIN_OLD) {
			pinTheOldVersion(store, progress, savedPlan, saved.get(), changes, config);
			return;
		}
		StringBuilder message = new StringBuilder();
		appendChanged(message, journey, changes);
		message.append("To go on with the new version, see what it does to the customers already in:\n")
				.append("  itinera migrate --state ").append(stateDirectory).append(" --dry-run ").append(journey).append("\n")
				.append("then apply it and run this command again (or run it with --migrate):\n")
				.append("  itinera migrate --state ").append(stateDirectory).append(" ").append(journey).append("\n")
				.append("or run it with --pin-old: the customers already in finish on the old version, new ones take the new;\n")
				.append("or give this run another --state directory to start over.");
		throw new IllegalArgumentException(message.toString());
	}

	/**
	 * A workspace's state holds every journey's customers as laid out for the version it was written
	 * with: each journey is compared with its saved plan, as a journey's run does, and a changed one is
	 * refused (naming its file and changes) unless {@code --migrate} or {@code --pin-old} says what to do
	 * with its customers: the same answers as for one journey, applied to every changed journey at once.
	 * A journey new to the workspace starts fresh for every customer; one taken out is left out.
	 */
	void adoptInWorkspace(CustomerStateStore store, AssembledWorkspace workspace, EngineConfig config, Answer answer) {
		RunProgress progress = store.progress().orElse(null);
		Optional<String> saved = store.planJson();
		if (progress == null || !progress.run().equals(config.runName()) || saved.isEmpty()) {
			return;
		}
		Map<String, JourneyPlan> savedPlans;
		try {
			savedPlans = WorkspacePlans.read(saved.get());
		} catch (PlanJson.PlanFormatException e) {
			throw new IllegalStateException("the plans saved in " + stateDirectory + " cannot be read (" + e.getMessage()
					+ "); give this run another --state directory to start over");
		}
		List<ChangedPart> changed = new ArrayList<>();
		for (AssembledJourney parts : workspace.journeys()) {
			JourneyPlan savedPlan = savedPlans.get(parts.plan().name());
			List<PlanChange> changes = savedPlan == null ? List.of() : PlanDiff.sinceSaved(savedPlan, parts.plan());
			if (!changes.isEmpty()) {
				changed.add(new ChangedPart(parts, savedPlan, changes));
			}
		}
		if (changed.isEmpty()) {
			return;
		}
		if (answer == Answer.MIGRATE) {
			migrateWorkspace(store, progress, changed, config);
			return;
		}
		if (answer == Answer.PIN_OLD) {
			pinWorkspace(store, progress, changed, config);
			return;
		}
		StringBuilder message = new StringBuilder();
		for (ChangedPart part : changed) {
			appendChanged(message, part.file(), part.changes());
		}
		message.append("To go on with the new versions, run this command again with --migrate (the customers already in\n")
				.append("move to the new version by its migrate rules) or with --pin-old (they finish on the old version,\n")
				.append("new ones take the new); or give this run another --state directory to start over.");
		throw new IllegalArgumentException(message.toString());
	}

	/** A journey of a workspace that changed since its state was written. */
	private record ChangedPart(AssembledJourney parts, JourneyPlan savedPlan, List<PlanChange> changes) {
		Path file() {
			return Path.of(parts.plan().location().file());
		}

		StoredJourney where() {
			return StoredJourney.inWorkspace(parts.plan().name());
		}
	}

	private void migrateWorkspace(CustomerStateStore store, RunProgress progress, List<ChangedPart> changed, EngineConfig config) {
		PinnedPlans pinned = store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE);
		PinnedPlans pinnedAfter = pinned;
		List<StateMigration.Change> changes = new ArrayList<>();
		for (ChangedPart part : changed) {
			String name = part.parts().plan().name();
			changes.add(new StateMigration.Change(part.where(), part.savedPlan(), pinned.of(name), part.parts().newStep()));
			pinnedAfter = pinnedAfter.without(name);
		}
		long started = System.nanoTime();
		List<StateMigration.Outcome> outcomes = StateMigration.apply(store, progress, changes, config.planJson(), pinnedAfter,
				progress.latestEventAt());
		StringBuilder stranded = new StringBuilder();
		for (int c = 0; c < changed.size(); c++) {
			Path file = changed.get(c).file();
			outcomes.get(c).tally().stranded().forEach((stage, customers) -> stranded.append("\n  ").append(customers).append(" in ")
					.append(stage).append(" (").append(file).append("): add `").append(stage).append(" -> Stage` or `").append(stage)
					.append(" -> exit` to its migrate block"));
		}
		if (!stranded.isEmpty()) {
			throw new IllegalArgumentException("Nothing was migrated or run: customers of " + stateDirectory
					+ " sit in stages their journey no longer has:" + stranded);
		}
		for (int c = 0; c < changed.size(); c++) {
			ChangedPart part = changed.get(c);
			err.println("Migrated the customers of " + part.parts().plan().name() + " in " + stateDirectory + " to " + part.file()
					+ " (" + part.changes().size() + (part.changes().size() == 1 ? " change" : " changes") + "): "
					+ outcomes.get(c).tally().summary());
		}
		err.println(String.format(Locale.ROOT, "(one atomic write, %.1f s)", (System.nanoTime() - started) / 1e9));
	}

	private void pinWorkspace(CustomerStateStore store, RunProgress progress, List<ChangedPart> changed, EngineConfig config) {
		List<StatePinning.Pin> pins = new ArrayList<>();
		for (ChangedPart part : changed) {
			refuseModelChanges(part.file(), part.changes());
			pins.add(new StatePinning.Pin(part.where(), part.savedPlan(), PlanJson.write(part.savedPlan()), part.file().toString(),
					part.parts().plan()));
		}
		long started = System.nanoTime();
		List<StatePinning.Outcome> outcomes = StatePinning.apply(store, progress, pins, config.planJson(), progress.latestEventAt());
		for (int p = 0; p < changed.size(); p++) {
			err.println(changed.get(p).parts().plan().name() + ": " + pinnedText(outcomes.get(p), changed.get(p).file()));
		}
		err.println(String.format(Locale.ROOT, "(one atomic write, %.1f s)", (System.nanoTime() - started) / 1e9));
	}

	private void appendChanged(StringBuilder message, Path file, List<PlanChange> changes) {
		message.append(file).append(" has changed since the run in ").append(stateDirectory).append(" started (")
				.append(changes.size()).append(changes.size() == 1 ? " change" : " changes")
				.append("); its customers are laid out for the old version:\n");
		appendChanges(message, changes);
	}

	private static void appendChanges(StringBuilder message, List<PlanChange> changes) {
		for (PlanChange change : changes.subList(0, Math.min(CHANGES_LISTED, changes.size()))) {
			message.append("  ").append(change.description()).append("\n      ").append(change.where()).append("\n");
		}
		if (changes.size() > CHANGES_LISTED) {
			message.append("  … and ").append(changes.size() - CHANGES_LISTED).append(" more\n");
		}
	}

	/** {@code --pin-old}: both versions share one scorer, so their models must be the same. */
	private void pinTheOldVersion(CustomerStateStore store, RunProgress progress, JourneyPlan savedPlan, String savedJson,
			List<PlanChange> changes, EngineConfig config) {
		refuseModelChanges(journey, changes);
		JourneyPlan plan = PlanJson.read(config.planJson());
		long started = System.nanoTime();
		StatePinning.Outcome outcome = StatePinning.apply(store, progress, savedPlan, savedJson,
				savedPlan.location() != null ? savedPlan.location().file() : "the plan saved in " + stateDirectory,
				plan, config.planJson(), progress.latestEventAt());
		err.println(pinnedText(outcome, journey)
				+ String.format(Locale.ROOT, " (one atomic write, %.1f s).", (System.nanoTime() - started) / 1e9));
	}

	/** {@code --pin-old} runs both versions with one set of models: a change of models is refused. */
	private static void refuseModelChanges(Path file, List<PlanChange> changes) {
		List<PlanChange> modelChanges = changes.stream().filter(change -> change.kind() == PlanChange.Kind.MODEL_CHANGED
				|| change.kind() == PlanChange.Kind.MODEL_REMOVED).toList();
		if (!modelChanges.isEmpty()) {
			StringBuilder message = new StringBuilder("--pin-old runs both versions with one set of models, but " + file
					+ " changes or removes one the customers already in use:\n");
			appendChanges(message, modelChanges);
			message.append("Keep the old model under another name in the new version, or move everyone with --migrate.");
			throw new IllegalArgumentException(message.toString());
		}
	}

	private static String pinnedText(StatePinning.Outcome outcome, Path file) {
		StringBuilder byStage = new StringBuilder();
		outcome.pinned().forEach((stage, customers) -> byStage.append(byStage.isEmpty() ? "" : ", ").append(customers).append(" in ")
				.append(stage));
		return "Pinned " + outcome.pinnedCustomers() + " customers on their way to the old version " + outcome.oldVersion()
				+ " (" + byStage + "); " + outcome.moved() + " who had finished take " + file + " now, as do new entries";
	}

}
