package io.itinera.runtime.state;

import io.itinera.runtime.change.CustomerMigration;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PinnedVersionsStep;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.CustomerState;
import java.util.ArrayList;
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
		return apply(store, progress, List.of(new Pin(StoredJourney.ALONE, oldPlan, oldPlanJson, oldSource, newPlan)), newPlanJson,
				now).get(0);
	}

	/** One journey's new version beside its old: where its customers sit, the old plan (with its JSON and file), the new plan. */
	public record Pin(StoredJourney where, JourneyPlan oldPlan, String oldPlanJson, String oldSource, JourneyPlan newPlan) {
	}

	/** Several journeys of a workspace (or one alone) pinned at once, in one atomic write; an outcome per pin, in order. */
	public static List<Outcome> apply(CustomerStateStore store, RunProgress progress, List<Pin> pins, String newPlanJson, long now) {
		PinnedPlans alreadyPinned = store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE);
		List<String> oldVersions = pins.stream().map(pin -> PlanVersion.of(pin.oldPlanJson())).toList();
		List<CustomerMigration> migrations = pins.stream().map(pin -> new CustomerMigration(pin.oldPlan(), pin.newPlan())).toList();
		Map<String, Long> stageCounts = new TreeMap<>(progress.stageCounts());
		List<Map<String, Long>> pinned = pins.stream().<Map<String, Long>>map(pin -> new TreeMap<>()).toList();
		long[] moved = new long[pins.size()];
		long[] pendingTimers = { progress.pendingTimers() };
		store.rewriteAll((id, bytes) -> {
			CustomerSlot slot = SlotCodec.decode(id, bytes);
			boolean changed = false;
			for (int p = 0; p < pins.size(); p++) {
				StoredJourney where = pins.get(p).where();
				CustomerState state = where.state(slot);
				if (state == null || PlanVersion.pinnedTo(state) != null) {
					continue;
				}
				changed = true;
				if (PinnedVersionsStep.finished(pins.get(p).oldPlan(), state)) {
					try {
						CustomerMigration.Result result = migrations.get(p).apply(state, where.timers(slot), now);
						int timersBefore = slot.pendingTimers();
						where.migrate(slot, result.state(), result.timersToCancel(), result.timersToSet());
						pendingTimers[0] += slot.pendingTimers() - timersBefore;
						if (result.oldStage() != null) {
							StateMigration.add(stageCounts, where.stageKey(result.oldStage()), -1);
							if (!result.left()) {
								StateMigration.add(stageCounts, where.stageKey(result.newStage()), 1);
							}
						}
						moved[p]++;
						continue;
					} catch (IllegalArgumentException nowhereToGo) {
						// a terminal stage the new version has no place for: they stay on the old version
					}
				}
				PlanVersion.pin(state, oldVersions.get(p));
				pinned.get(p).merge(state.stage(), 1L, Long::sum);
			}
			return changed ? CustomerRecord.of(slot) : null;
		}, () -> {
			PinnedPlans kept = alreadyPinned;
			for (int p = 0; p < pins.size(); p++) {
				if (!pinned.get(p).isEmpty()) {
					kept = kept.with(new PinnedPlans.Pinned(oldVersions.get(p), pins.get(p).oldSource(), pins.get(p).oldPlanJson()));
				}
			}
			return new Checkpoint(progress.withCustomersMoved(stageCounts, pendingTimers[0]), Map.of(), List.of(), newPlanJson,
					kept == alreadyPinned ? null : kept.toJson());
		});
		List<Outcome> outcomes = new ArrayList<>();
		for (int p = 0; p < pins.size(); p++) {
			outcomes.add(new Outcome(oldVersions.get(p), pinned.get(p), moved[p]));
		}
		return outcomes;
	}
}
