package io.itinera.runtime.state;

import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.TimerRequest;
import io.itinera.runtime.step.WorkspaceState;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one journey's customer sits in a stored slot: the whole slot in a journey's own run
 * ({@link #ALONE}), or one part of a workspace customer's state, whose timers are named {@code
 * Journey/timer-id} and whose stage counts {@code Journey/Stage}. Migrating and pinning read and
 * write a journey's customers through it, so a workspace's journeys change as a journey does.
 */
public final class StoredJourney {
	public static final StoredJourney ALONE = new StoredJourney(null);

	/** The journey's name in a workspace, null alone. */
	private final String journey;

	private StoredJourney(String journey) {
		this.journey = journey;
	}

	public static StoredJourney inWorkspace(String journey) {
		return new StoredJourney(journey);
	}

	/** The customer's state in this journey; null for a workspace customer whose state holds none for it. */
	CustomerState state(CustomerSlot slot) {
		if (journey == null) {
			return slot.state();
		}
		return slot.state() instanceof WorkspaceState workspace ? workspace.part(journey) : null;
	}

	/** The customer's pending timers in this journey, by the journey's own ids. */
	List<TimerRequest> timers(CustomerSlot slot) {
		if (journey == null) {
			return slot.timers();
		}
		String prefix = journey + "/";
		List<TimerRequest> timers = new ArrayList<>();
		for (TimerRequest timer : slot.timers()) {
			if (timer.timerId().startsWith(prefix)) {
				timers.add(new TimerRequest(timer.customerId(), timer.timerId().substring(prefix.length()), timer.dueAt()));
			}
		}
		return timers;
	}

	/** The slot with this journey's state as migrated (or pinned) and its timers cancelled and set. */
	void migrate(CustomerSlot slot, CustomerState migrated, List<String> timersToCancel, List<TimerRequest> timersToSet) {
		if (journey == null) {
			slot.migrate(migrated, timersToCancel, timersToSet);
			return;
		}
		String prefix = journey + "/";
		slot.migrate(((WorkspaceState) slot.state()).withPart(journey, migrated),
				timersToCancel.stream().map(id -> prefix + id).toList(),
				timersToSet.stream().map(timer -> new TimerRequest(timer.customerId(), prefix + timer.timerId(), timer.dueAt()))
						.toList());
	}

	/** The key of a stage in the run's stage counts. */
	String stageKey(String stage) {
		return journey == null ? stage : journey + "/" + stage;
	}
}
