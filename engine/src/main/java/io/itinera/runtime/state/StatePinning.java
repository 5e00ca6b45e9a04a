package io.itinera.runtime.state;

import io.itinera.runtime.change.CustomerMigration;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PinnedVersionsStep;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.plan.JourneyPlan;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's state set up to run a new version beside the old one ({@code run --pin-old}), in one atomic
 * write ({@link CustomerStateStore#rewriteAll}): every customer of the state's plan who is still on
 * their way (in the journey, in a stage with transitions) is pinned to it; those who finished (out of
 * the journey, or in a terminal stage the new version has a place for) move to the new version as
 * {@code itinera migrate} would move them; the old plan joins the state's pinned plans and the new one
 * becomes the state's plan. Customers pinned to an even older version stay as they are.
 * {@link PinnedVersionsStep} then runs each customer on their version.
 */
public final class StatePinning {
	private StatePinning() {
	}

	/** Customers pinned to the old version, by stage; customers moved to the new one. */
	public record Outcome(String oldVersion, Map<String, Long> pinned, long moved) {
		public long pinnedCustomers() {
			return pinned.values().stream().mapToLong(Long::longValue).sum();
		}
	}

	public static Outcome apply(CustomerStateStore store, RunProgress progress, JourneyPlan oldPlan, String oldPlanJson,
			String oldSource, JourneyPlan newPlan, String newPlanJson, long now) {
		String oldVersion = PlanVersion.of(oldPlanJson);
		PinnedPlans alreadyPinned = store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE);
		CustomerMigration migration = new CustomerMigration(oldPlan, newPlan);
		Map<String, Long> stageCounts = new TreeMap<>(progress.stageCounts());
		Map<String, Long> pinned = new TreeMap<>();
		long[] moved = { 0 };
		long[] pendingTimers = { progress.pendingTimers() };
		store.rewriteAll((id, bytes) -> {
			CustomerSlot slot = SlotCodec.decode(id, bytes);
			if (PlanVersion.pinnedTo(slot.state()) != null) {
				return null;
			}
			if (PinnedVersionsStep.finished(oldPlan, slot.state())) {
				try {
					CustomerMigration.Result result = migration.apply(slot.state(), slot.timers(), now);
					int timersBefore = slot.pendingTimers();
					slot.migrate(result.state(), result.timersToCancel(), result.timersToSet());
					pendingTimers[0] += slot.pendingTimers() - timersBefore;
					if (result.oldStage() != null) {
						StateMigration.add(stageCounts, result.oldStage(), -1);
						if (!result.left()) {
							StateMigration.add(stageCounts, result.newStage(), 1);
						}
					}
					moved[0]++;
					return CustomerRecord.of(slot);
				} catch (IllegalArgumentException nowhereToGo) {
					// a terminal stage the new version has no place for: they stay on the old version
				}
			}
			PlanVersion.pin(slot.state(), oldVersion);
			pinned.merge(slot.state().stage(), 1L, Long::sum);
			return CustomerRecord.of(slot);
		}, () -> new Checkpoint(progress.withCustomersMoved(stageCounts, pendingTimers[0]), Map.of(), List.of(), newPlanJson,
				pinned.isEmpty() ? null : alreadyPinned.with(new PinnedPlans.Pinned(oldVersion, oldSource, oldPlanJson)).toJson()));
		return new Outcome(oldVersion, pinned, moved[0]);
	}
}
