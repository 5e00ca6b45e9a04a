package io.itinera.runtime.state;

import io.itinera.runtime.change.CustomerMigration;
import io.itinera.runtime.change.MigrationTally;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.VersionedMigration;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.CustomerState;
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
	 * One journey's change: where its customers sit in the slots, the version the state was written
	 * with, the older versions some of them are pinned to, and the new version's step function (its
	 * plan and campaign rules, for the tally).
	 */
	public record Change(StoredJourney where, JourneyPlan oldPlan, PinnedPlans pinned, PlanStep newStep) {
	}

	/**
	 * @param progress the store's progress record
	 * @param newStep the new version's step function (its plan and campaign rules, for the tally)
	 * @param newPlanJson the new plan as the store keeps it
	 */
	public static Outcome apply(CustomerStateStore store, RunProgress progress, JourneyPlan oldPlan, PlanStep newStep,
			String newPlanJson, long now) {
		PinnedPlans pinned = store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE);
		return apply(store, progress, List.of(new Change(StoredJourney.ALONE, oldPlan, pinned, newStep)), newPlanJson,
				PinnedPlans.NONE, now).get(0);
	}

	/**
	 * Several journeys of a workspace (or one alone) changed at once, in one atomic write: each
	 * customer's state in each changed journey migrated from their own version.
	 *
	 * @param pinnedAfter the pinned plans the store keeps after (those of journeys not migrated)
	 * @return an outcome per change, in order; none applied when customers of any of them would be stranded
	 */
	public static List<Outcome> apply(CustomerStateStore store, RunProgress progress, List<Change> changes, String newPlanJson,
			PinnedPlans pinnedAfter, long now) {
		List<VersionedMigration> migrations = changes.stream()
				.map(change -> new VersionedMigration(change.oldPlan(), change.pinned(), change.newStep(), now)).toList();
		Map<String, Long> stageCounts = new TreeMap<>(progress.stageCounts());
		long[] pendingTimers = { progress.pendingTimers() };
		boolean applied = store.rewriteAll((id, bytes) -> {
			CustomerSlot slot = SlotCodec.decode(id, bytes);
			boolean changed = false;
			for (int c = 0; c < changes.size(); c++) {
				StoredJourney where = changes.get(c).where();
				CustomerState state = where.state(slot);
				if (state == null) {
					continue;
				}
				CustomerMigration.Result result = migrations.get(c).customer(state, where.timers(slot));
				if (result == null || stranded(migrations)) {
					return null; // nothing will be written: only count the rest
				}
				int timersBefore = slot.pendingTimers();
				where.migrate(slot, result.state(), result.timersToCancel(), result.timersToSet());
				pendingTimers[0] += slot.pendingTimers() - timersBefore;
				if (result.oldStage() != null) {
					add(stageCounts, where.stageKey(result.oldStage()), -1);
					if (!result.left()) {
						add(stageCounts, where.stageKey(result.newStage()), 1);
					}
				}
				changed = true;
			}
			return changed ? CustomerRecord.of(slot) : null;
		}, () -> stranded(migrations) ? null
				: new Checkpoint(progress.withCustomersMoved(stageCounts, pendingTimers[0]), Map.of(), List.of(), newPlanJson,
						pinnedAfter.toJson()));
		return migrations.stream().map(migration -> new Outcome(migration.tally(), applied)).toList();
	}

	private static boolean stranded(List<VersionedMigration> migrations) {
		return migrations.stream().anyMatch(migration -> !migration.tally().stranded().isEmpty());
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
