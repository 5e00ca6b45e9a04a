package io.itinera.cli;

import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PinnedVersionsStep;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions of a journey a run's customers step on: the journey given, and the older versions
 * the state keeps for customers pinned to them ({@code run --pin-old}), each with its own rules.
 */
final class PinnedVersions implements RunSteps {
	private final JourneyParts current;
	private final String currentVersion;
	private final Map<String, JourneyParts> pinned;

	private PinnedVersions(JourneyParts current, String currentVersion, Map<String, JourneyParts> pinned) {
		this.current = current;
		this.currentVersion = currentVersion;
		this.pinned = pinned;
	}

	/** @throws IllegalStateException when a pinned version's rules do not build (the message says which) */
	static PinnedVersions of(CustomerStateStore store, JourneyParts current, String currentPlanJson, boolean allowRawDrl,
			PrintWriter err) {
		PinnedPlans plans = store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE);
		Map<String, JourneyParts> pinned = new LinkedHashMap<>();
		for (PinnedPlans.Pinned version : plans.versions()) {
			JourneyPlan plan = PlanJson.read(version.planJson());
			// scores come from the current version's scorer: --pin-old refuses a change of models
			JourneyParts parts = JourneyParts.of(plan, Path.of(plan.name() + "@" + version.version()), allowRawDrl, true,
					current.delivery(), err);
			if (parts == null) {
				pinned.values().forEach(JourneyParts::close);
				throw new IllegalStateException("version " + version.version() + " of the journey (" + version.source()
						+ "), which customers of the state still run on, cannot run (above)");
			}
			pinned.put(version.version(), parts);
		}
		return new PinnedVersions(current, PlanVersion.of(currentPlanJson), pinned);
	}

	/** How many versions run: 1, or more with pinned ones. */
	int running() {
		return 1 + pinned.size();
	}

	/** The parts of a pinned version, or null when customers run on no such version. */
	JourneyParts partsOf(String version) {
		return pinned.get(version);
	}

	String describe() {
		return "customers pinned to versions " + String.join(", ", pinned.keySet()) + " finish on them beside version "
				+ currentVersion;
	}

	/** A step function of its own (one per worker). */
	@Override
	public JourneyStep newStep() {
		if (pinned.isEmpty()) {
			return current.newStep();
		}
		Map<String, PlanStep> steps = new LinkedHashMap<>();
		pinned.forEach((version, parts) -> steps.put(version, parts.newStep()));
		return new PinnedVersionsStep(current.newStep(), currentVersion, steps);
	}

	@Override
	public void close() {
		pinned.values().forEach(JourneyParts::close);
	}
}
