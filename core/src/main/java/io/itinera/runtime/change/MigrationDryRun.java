package io.itinera.runtime.change;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerSeeder;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.TimerRequest;
import java.util.List;

/**
 * Migrates stored customers in memory only and counts what it did ({@link MigrationTally}). A
 * customer who changes stage and stays in the journey gets the new version's campaign rules run
 * as on entry, as the new stage's rules would greet them; what they send is counted, never sent.
 */
public final class MigrationDryRun {
	private final CustomerMigration migration;
	private final CustomerSeeder seeder;
	private final long now;
	private final MigrationTally tally;

	/** @param newStep the new version's step function (its plan and campaign rules) */
	public MigrationDryRun(JourneyPlan oldPlan, PlanStep newStep, long now) {
		this(oldPlan, newStep, now, new MigrationTally());
	}

	/** Counting into {@code tally} (one tally for the customers of several old versions). */
	MigrationDryRun(JourneyPlan oldPlan, PlanStep newStep, long now, MigrationTally tally) {
		this.migration = new CustomerMigration(oldPlan, newStep.plan());
		this.seeder = new CustomerSeeder(newStep);
		this.now = now;
		this.tally = tally;
	}

	/** Migrates and counts one customer; null when their stage is gone without a mapping (counted as stranded). */
	public CustomerMigration.Result customer(CustomerState state, List<TimerRequest> pendingTimers) {
		StageMatching.Match match = state.stage() == null ? null : migration.stages().of(state.stage());
		if (match != null && match.how() == StageMatching.How.REMOVED) {
			tally.countStranded(state.stage());
			return null;
		}
		CustomerMigration.Result result = migration.apply(state, pendingTimers, now);
		PlanVersion.unpin(result.state());
		List<ActionRecord> actions = result.moved() && !result.left()
				? seeder.runRulesAsOnEntry(result.state(), now).actions()
				: List.of();
		tally.count(result, actions);
		return result;
	}

	public MigrationTally tally() {
		return tally;
	}
}
