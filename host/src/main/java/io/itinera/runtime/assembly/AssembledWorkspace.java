package io.itinera.runtime.assembly;

import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.runtime.io.WorkspaceSchema;
import io.itinera.runtime.workspace.WorkspaceScorer;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A workspace assembled: its journeys, each with its own rules and scorer, over one stream with the
 * workspace's shared caps, quiet hours and priorities ({@link RuntimeAssembly#workspace}).
 *
 * @param settings the workspace file's settings with the host's delivery settings added
 */
public record AssembledWorkspace(List<AssembledJourney> journeys, WorkspaceSettings settings) implements AssembledRuntime {
	public AssembledWorkspace {
		journeys = List.copyOf(journeys);
	}

	@Override
	public WorkspaceStep newStep() {
		return newStep(AssembledJourney::newStep);
	}

	/** The workspace's step over the journeys' steps {@code stepOf} makes (explain traces their rules). */
	public WorkspaceStep newStep(Function<AssembledJourney, ? extends SingleJourneyStep> stepOf) {
		List<SingleJourneyStep> steps = new ArrayList<>();
		for (AssembledJourney journey : journeys) {
			steps.add(stepOf.apply(journey));
		}
		return StepStack.workspace(steps, settings);
	}

	@Override
	public Scorer scorer() {
		Map<String, Scorer> scorers = new LinkedHashMap<>();
		journeys.forEach(journey -> scorers.put(journey.plan().name(), journey.scorer()));
		return new WorkspaceScorer(scorers);
	}

	@Override
	public List<JourneyPlan> plans() {
		return journeys.stream().map(AssembledJourney::plan).toList();
	}

	/** Each journey's board of learning split weights, which its steps read (in the folder's order). */
	public Map<JourneyPlan, io.itinera.runtime.delivery.SplitWeights.Board> splitBoards() {
		Map<JourneyPlan, io.itinera.runtime.delivery.SplitWeights.Board> boards = new LinkedHashMap<>();
		journeys.forEach(journey -> boards.put(journey.plan(), journey.splitWeights()));
		return boards;
	}

	/** Every event any journey declares, with the union of their fields ({@link WorkspaceSchema}). */
	@Override
	public EventSchema schema() {
		return WorkspaceSchema.of(plans());
	}

	/** The journeys' plans in one text ({@link WorkspacePlans}' form), as a run's state and the Flink job keep them. */
	public String planJson() {
		return WorkspacePlans.write(plans());
	}

	/** Names the stage counts of a workspace run use ({@code Journey/Stage}), in priority order and declared order. */
	public List<String> stageKeys() {
		List<String> keys = new ArrayList<>();
		for (String journey : newStep().journeyNames()) {
			JourneyPlan plan = plans().stream().filter(p -> p.name().equals(journey)).findFirst().orElseThrow();
			plan.stages().forEach(stage -> keys.add(journey + "/" + stage.name()));
		}
		return keys;
	}

	@Override
	public void close() {
		journeys.forEach(AssembledJourney::close);
	}
}
