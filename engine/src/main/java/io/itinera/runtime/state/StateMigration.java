package io.itinera.runtime.state;

import io.itinera.runtime.change.CustomerMigration;
import io.itinera.runtime.change.MigrationTally;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.VersionedMigration;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.PlanStep;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's stored customers moved to a new version of its journey, for good: every customer
 * migrated with {@link CustomerMigration} (counted as the dry run counts them), their slot
 * re-encoded with its timers cancelled and set, the pending index, the progress record's stage
 * counts and pending timers, and the new plan, all in one atomic write. Customers pinned to an older
 * version ({@code run --pin-old}) are migrated from it, and none stays pinned
 * ({@link CustomerStateStore#rewriteAll}): a kill leaves the old version or the new one, never a
 * mix. When customers sit in a stage that is gone without a mapping, nothing is written.
 */
public final class StateMigration {
	private StateMigration() {
	}

	/** The tally, and whether the store was written (false: stranded customers, see {@link MigrationTally#stranded()}). */
	public record Outcome(MigrationTally tally, boolean applied) {
	}

	/**
	 * @param progress the store's progress record
	 * @param newStep the new version's step function (its plan and campaign rules, for the tally)
	 * @param newPlanJson the new plan as the store keeps it
	 */
	public static Outcome apply(CustomerStateStore store, RunProgress progress, JourneyPlan oldPlan, PlanStep newStep,
			String newPlanJson, long now) {
		VersionedMigration migration = new VersionedMigration(oldPlan,
				store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE), newStep, now);
		Map<String, Long> stageCounts = new TreeMap<>(progress.stageCounts());
		long[] pendingTimers = { progress.pendingTimers() };
		boolean applied = store.rewriteAll((id, bytes) -> {
			CustomerSlot slot = SlotCodec.decode(id, bytes);
			CustomerMigration.Result result = migration.customer(slot.state(), slot.timers());
			if (result == null || !migration.tally().stranded().isEmpty()) {
				return null; // nothing will be written: only count the rest
			}
			int timersBefore = slot.pendingTimers();
			slot.migrate(result.state(), result.timersToCancel(), result.timersToSet());
			pendingTimers[0] += slot.pendingTimers() - timersBefore;
			if (result.oldStage() != null) {
				add(stageCounts, result.oldStage(), -1);
				if (!result.left()) {
					add(stageCounts, result.newStage(), 1);
				}
			}
			return CustomerRecord.of(slot);
		}, () -> migration.tally().stranded().isEmpty()
				? new Checkpoint(progress.withCustomersMoved(stageCounts, pendingTimers[0]), Map.of(), List.of(), newPlanJson,
						PinnedPlans.NONE.toJson())
				: null);
		return new Outcome(migration.tally(), applied);
	}

	static void add(Map<String, Long> counts, String stage, long delta) {
		long count = counts.getOrDefault(stage, 0L) + delta;
		if (count == 0) {
			counts.remove(stage);
		} else {
			counts.put(stage, count);
		}
	}
}
