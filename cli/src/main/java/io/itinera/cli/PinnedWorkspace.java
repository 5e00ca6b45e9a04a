package io.itinera.cli;

import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The journeys of a workspace run, each with the older versions the state keeps for customers
 * pinned to them ({@code run DIR --pin-old}): a workspace over each journey's {@link PinnedVersions}.
 * A journey's version is that of its plan's JSON, as the workspace's plan record holds it.
 */
final class PinnedWorkspace implements RunSteps {
	private final WorkspaceParts workspace;
	private final List<PinnedVersions> journeys;

	private PinnedWorkspace(WorkspaceParts workspace, List<PinnedVersions> journeys) {
		this.workspace = workspace;
		this.journeys = journeys;
	}

	/** @throws IllegalStateException when a pinned version's rules do not build (the message says which) */
	static PinnedWorkspace of(CustomerStateStore store, WorkspaceParts workspace, boolean allowRawDrl, PrintWriter err) {
		PinnedPlans plans = store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE);
		List<PinnedVersions> journeys = new ArrayList<>();
		try {
			for (JourneyParts journey : workspace.journeys()) {
				journeys.add(PinnedVersions.of(plans.of(journey.plan().name()), journey, versionOf(journey), allowRawDrl, err));
			}
		} catch (IllegalStateException e) {
			journeys.forEach(PinnedVersions::close);
			throw e;
		}
		return new PinnedWorkspace(workspace, journeys);
	}

	/** A workspace journey's version: of its plan alone. */
	static String versionOf(JourneyParts journey) {
		return PlanVersion.of(PlanJson.write(journey.plan()));
	}

	/** What runs beside the current versions, one line per journey with pinned customers; empty when nothing does. */
	List<String> describe() {
		List<String> lines = new ArrayList<>();
		for (int j = 0; j < journeys.size(); j++) {
			if (journeys.get(j).running() > 1) {
				lines.add(workspace.journeys().get(j).plan().name() + ": " + journeys.get(j).describe());
			}
		}
		return lines;
	}

	/** A step of its own (one per worker thread). */
	@Override
	public WorkspaceStep newStep() {
		return new WorkspaceStep(journeys.stream().map(PinnedVersions::newStep).toList(), workspace.settings());
	}

	@Override
	public void close() {
		journeys.forEach(PinnedVersions::close);
	}
}
