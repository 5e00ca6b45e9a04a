package io.itinera.runtime.change;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.TimerRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The customers of a state moved to a new version, each from the version they run on: the state's
 * plan, or an older one they are pinned to ({@code run --pin-old}); one tally for all of them.
 */
public final class VersionedMigration {
	private final MigrationTally tally = new MigrationTally();
	private final MigrationDryRun fromStatePlan;
	private final Map<String, MigrationDryRun> fromPinned = new HashMap<>();

	public VersionedMigration(JourneyPlan statePlan, PinnedPlans pinned, PlanStep newStep, long now) {
		this.fromStatePlan = new MigrationDryRun(statePlan, newStep, now, tally);
		for (PinnedPlans.Pinned version : pinned.versions()) {
			fromPinned.put(version.version(), new MigrationDryRun(PlanJson.read(version.planJson()), newStep, now, tally));
		}
	}

	/** As {@link MigrationDryRun#customer}, from the customer's own version. */
	public CustomerMigration.Result customer(CustomerState state, List<TimerRequest> pendingTimers) {
		String version = PlanVersion.pinnedTo(state);
		MigrationDryRun migration = version == null ? fromStatePlan : fromPinned.get(version);
		if (migration == null) {
			throw new IllegalStateException("customer " + state.customerId() + " runs on version " + version
					+ ", which the state does not keep");
		}
		return migration.customer(state, pendingTimers);
	}

	public MigrationTally tally() {
		return tally;
	}
}
