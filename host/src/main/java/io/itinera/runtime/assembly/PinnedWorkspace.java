package io.itinera.runtime.assembly;

import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journeys of a workspace, each with the older versions a run's state keeps for customers
 * pinned to them ({@code run DIR --pin-old}): a workspace over each journey's {@link PinnedJourney}
 * ({@link RuntimeAssembly#pinned(AssembledWorkspace, io.itinera.runtime.change.PinnedPlans, AssemblyOptions)}).
 */
public final class PinnedWorkspace implements AssembledRuntime {
	private final AssembledWorkspace workspace;
	private final Map<String, PinnedJourney> journeys;

	PinnedWorkspace(AssembledWorkspace workspace, List<PinnedJourney> journeys) {
		this.workspace = workspace;
		this.journeys = new LinkedHashMap<>();
		journeys.forEach(journey -> this.journeys.put(journey.current().plan().name(), journey));
	}

	/** What runs beside the current versions, one line per journey with pinned customers; empty when nothing does. */
	public List<String> describe() {
		List<String> lines = new ArrayList<>();
		journeys.forEach((name, journey) -> {
			if (journey.running() > 1) {
				lines.add(name + ": " + journey.describe());
			}
		});
		return lines;
	}

	@Override
	public WorkspaceStep newStep() {
		return workspace.newStep(journey -> journeys.get(journey.plan().name()).newStep());
	}

	@Override
	public Scorer scorer() {
		return workspace.scorer();
	}

	@Override
	public List<JourneyPlan> plans() {
		return workspace.plans();
	}

	@Override
	public EventSchema schema() {
		return workspace.schema();
	}

	/** Closes the pinned versions (the workspace is its owner's to close). */
	@Override
	public void close() {
		journeys.values().forEach(PinnedJourney::close);
	}
}
