package io.itinera.runtime.assembly;

import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.step.PlanStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions of a journey a run's customers step on ({@code run --pin-old}): the current one, and
 * the older versions the state keeps for customers pinned to them, each with its own rules
 * ({@link RuntimeAssembly#pinned}). Scores come from the current version's scorer.
 */
public final class PinnedJourney implements AssembledRuntime {
	private final AssembledJourney current;
	private final String currentVersion;
	private final Map<String, AssembledJourney> pinned;

	PinnedJourney(AssembledJourney current, String currentVersion, Map<String, AssembledJourney> pinned) {
		this.current = current;
		this.currentVersion = currentVersion;
		this.pinned = new LinkedHashMap<>(pinned);
	}

	/** The current version's journey. */
	public AssembledJourney current() {
		return current;
	}

	/** A pinned version, or null when customers run on no such version. */
	public AssembledJourney version(String version) {
		return pinned.get(version);
	}

	/** How many versions run: 1, or more with pinned ones. */
	public int running() {
		return 1 + pinned.size();
	}

	public String describe() {
		return "customers pinned to versions " + String.join(", ", pinned.keySet()) + " finish on them beside version "
				+ currentVersion;
	}

	@Override
	public SingleJourneyStep newStep() {
		Map<String, PlanStep> steps = new LinkedHashMap<>();
		pinned.forEach((version, journey) -> steps.put(version, journey.newStep()));
		return StepStack.pinned(current.newStep(), currentVersion, steps);
	}

	@Override
	public Scorer scorer() {
		return current.scorer();
	}

	@Override
	public List<JourneyPlan> plans() {
		return current.plans();
	}

	@Override
	public EventSchema schema() {
		return current.schema();
	}

	/** Closes the pinned versions (the current one is its owner's to close). */
	@Override
	public void close() {
		pinned.values().forEach(AssembledJourney::close);
	}
}
