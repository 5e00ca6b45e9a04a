package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.DeprecatedSpelling;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.change.VersionedMigration;
import io.itinera.runtime.change.MigrationTally;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.state.StateMigration;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera migrate --state DIR [--old OLD] [--dry-run] NEW}: a run's stored customers moved to a
 * new version of its journey: counted only ({@code --dry-run}), or applied in one atomic write.
 */
@Command(name = "migrate", description = {
		"What moving the customers stored by a run (--state) from the running version (--old) to NEW would do:"
				+ " customers from each stage to each new one, timers cancelled, set or moved, and who would be sent"
				+ " something at once. Without --dry-run, the customers, their timers, the run's totals and the new plan"
				+ " are written in one atomic step, and the run goes on with NEW.",
		"The migration's time is --to T, else the latest event time the run read.",
		"Exit 0, 1 when customers would have nowhere to go (nothing is written), 2 on errors." })
public final class MigrateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "NEW", description = "the new version: a .journey file or a compiled plan.json")
	Path newFile;

	@Option(names = "--old", paramLabel = "OLD", description = "the version the run ran: a .journey file or a plan.json"
			+ " (default: the plan saved in the state)")
	Path oldFile;

	@Option(names = "--state", required = true, paramLabel = "DIR", description = "the run's RocksDB state directory (run --state)")
	Path stateDirectory;

	@Option(names = "--dry-run", description = "count what the migration would do, write nothing")
	boolean dryRun;

	@Mixin
	ReplayEndOption replayEnd = new ReplayEndOption();

	@Option(names = "--at", paramLabel = "T", hidden = true, description = "old spelling of --to")
	void oldAt(String time) {
		replayEnd.text = DeprecatedSpelling.read(spec, "--at", "--to", time);
	}

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		try {
			return migrate(out, err);
		} finally {
			out.flush();
			err.flush();
		}
	}

	private int migrate(PrintWriter out, PrintWriter err) {
		if (!Files.isDirectory(stateDirectory)) {
			throw CommandError.error(stateDirectory + ": no such state directory; give the --state of an itinera run (by default OUT/state).");
		}
		JourneyPlan newPlan = JourneyPlans.load(newFile, err);
		if (newPlan == null) {
			return ExitCode.ERROR.code();
		}
		try (RocksDbStateStore store = new RocksDbStateStore(stateDirectory)) {
			RunProgress progress = store.progress().orElse(null);
			if (progress == null) {
				throw CommandError.error(stateDirectory + ": holds no run (no progress record); give the --state of an itinera run.");
			}
			JourneyPlan oldPlan = oldPlan(store, err);
			if (oldPlan == null) {
				return ExitCode.ERROR.code();
			}
			if (!progress.run().startsWith(oldPlan.name() + " over ")) {
				throw CommandError.error(stateDirectory + ": the state of \"" + progress.run() + "\", not of journey " + oldPlan.name() + " ("
						+ oldName() + "); give as --old the version that run ran.");
			}
			if (!newPlan.name().equals(oldPlan.name())) {
				throw CommandError.error(newFile + ": journey " + newPlan.name() + ", but the run is of journey " + oldPlan.name()
						+ "; a new version keeps the journey's name (a run is only resumed with its own journey).");
			}
			if (oldFile == null && PlanDiff.sinceSaved(oldPlan, newPlan).isEmpty()
					&& store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE).isEmpty()) {
				out.println("The customers in " + stateDirectory + " are already of " + newFile + " (a migration applied before);"
						+ " nothing to do.");
				return ExitCode.OK.code();
			}
			long now = migrationTime(progress);
			try (AssembledJourney parts = AssemblyAdapter.journey(newPlan, newFile,
					AssemblyAdapter.options(false, true, DeliverySettings.DEFAULT, err), err)) {
				if (parts == null) {
					return ExitCode.ERROR.code();
				}
				if (!dryRun) {
					long started = System.nanoTime();
					StateMigration.Outcome outcome = StateMigration.apply(store, progress, oldPlan, parts.newStep(),
							PlanJson.write(newPlan), now);
					int status = report(outcome.tally(), progress, now, out, err);
					if (outcome.applied()) {
						out.printf(Locale.ROOT, "Applied: the customers, their timers, the run's totals and the plan in %s are now of %s"
								+ " (one atomic write, %.1f s); run the journey with %s to go on.%n", stateDirectory, newFile,
								(System.nanoTime() - started) / 1e9, newFile);
					} else {
						err.println("Nothing was written to " + stateDirectory + ".");
					}
					return status;
				}
				VersionedMigration dryRun = new VersionedMigration(oldPlan,
						store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE), parts.newStep(), now);
				store.forEachCustomer((id, bytes) -> {
					CustomerSlot slot = SlotCodec.decode(id, bytes);
					dryRun.customer(slot.state(), slot.timers());
				});
				return report(dryRun.tally(), progress, now, out, err);
			}
		}
	}

	/** --old, or the plan the run saved in its state. */
	private JourneyPlan oldPlan(RocksDbStateStore store, PrintWriter err) {
		if (oldFile != null) {
			return JourneyPlans.load(oldFile, err);
		}
		String saved = store.planJson().orElse(null);
		if (saved == null) {
			err.println(stateDirectory + ": the run's plan is not in its state (written by an older itinera); give the version it"
					+ " ran with --old.");
			return null;
		}
		if (WorkspacePlans.isWorkspace(saved)) {
			err.println(stateDirectory + " holds a workspace's run, and itinera migrate takes one journey's state: run the workspace"
					+ " folder with --migrate to move the customers of each changed journey (docs/changes.md).");
			return null;
		}
		try {
			return PlanJson.read(saved);
		} catch (PlanJson.PlanFormatException e) {
			err.println(stateDirectory + ": the saved plan cannot be read (" + e.getMessage() + "); give the version the run ran with --old.");
			return null;
		}
	}

	/** What the report calls the old version. */
	private String oldName() {
		return oldFile != null ? oldFile.toString() : "the saved plan";
	}

	private long migrationTime(RunProgress progress) {
		Long at = replayEnd.millis();
		return at != null ? at : progress.latestEventAt();
	}

	private int report(MigrationTally tally, RunProgress progress, long now, PrintWriter out, PrintWriter err) {
		out.println((dryRun ? "Dry run: the" : "The") + " customers of \"" + progress.run() + "\" in " + stateDirectory + " moved from "
				+ oldName() + " to " + newFile + " at " + Instant.ofEpochMilli(now) + (dryRun ? "; nothing is written." : ":"));
		out.println("Customers by stage (old -> new):");
		for (Map.Entry<String, Map<String, Long>> from : tally.moves().entrySet()) {
			for (Map.Entry<String, Long> to : from.getValue().entrySet()) {
				out.printf("  %-40s %d%n", from.getKey() + " -> " + to.getKey(), to.getValue());
			}
		}
		for (Map.Entry<String, Long> stranded : tally.stranded().entrySet()) {
			out.printf("  %-40s %d%n", stranded.getKey() + " -> (nowhere)", stranded.getValue());
		}
		out.println("  (not in the journey: " + tally.outOfJourney() + ")");
		out.println("Timers: " + tally.timersCancelled() + " cancelled, " + tally.timersSet() + " set, " + tally.timersMoved()
				+ " moved (same due time, new id).");
		out.println("At once: " + tally.customersSentAtOnce() + " customers would be sent " + tally.actionsAtOnce()
				+ " actions (the new version's campaign rules, as on entry, for customers who change stage)"
				+ (dryRun ? "." : "; migrate itself sends nothing."));
		for (Map.Entry<String, Long> stranded : tally.stranded().entrySet()) {
			err.println(newFile + ": error: " + stranded.getValue() + " customers are in " + stranded.getKey()
					+ ", which is gone: add `" + stranded.getKey() + " -> Stage` or `" + stranded.getKey()
					+ " -> exit` to its migrate block.");
		}
		return (tally.stranded().isEmpty() ? ExitCode.OK : ExitCode.FAILED).code();
	}
}
