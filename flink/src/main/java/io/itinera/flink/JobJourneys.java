package io.itinera.flink;

import io.itinera.runtime.driver.PlanServices;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.runtime.workspace.WorkspaceScorer;
import io.itinera.runtime.io.WorkspaceSchema;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job runs, read from {@link JobSettings#planJson()}: one journey, or a workspace's journeys
 * over one stream ({@code WorkspacePlans}' form), which the job hosts as one {@link WorkspaceStep}
 * exactly as {@code itinera run DIR} does.
 */
final class JobJourneys {
	private final JobSettings settings;
	private final List<JourneyPlan> plans;
	private final boolean workspace;

	private JobJourneys(JobSettings settings, List<JourneyPlan> plans, boolean workspace) {
		this.settings = settings;
		this.plans = plans;
		this.workspace = workspace;
	}

	static JobJourneys of(JobSettings settings) {
		if (WorkspacePlans.isWorkspace(settings.planJson())) {
			return new JobJourneys(settings, List.copyOf(WorkspacePlans.read(settings.planJson()).values()), true);
		}
		return new JobJourneys(settings, List.of(PlanJson.read(settings.planJson())), false);
	}

	/** For messages and the job's name: the journey's name, or the workspace's journeys. */
	String name() {
		return workspace ? "workspace " + String.join(", ", plans.stream().map(JourneyPlan::name).toList()) : plans.get(0).name();
	}

	/** The events the log is read with: a workspace reads the union of its journeys' events. */
	EventSchema schema() {
		return workspace ? WorkspaceSchema.of(plans) : EventSchema.of(plans.get(0));
	}

	/** The step function: Drools rules of every journey are built here (a subtask's own). */
	JourneyStep newStep() {
		if (!workspace) {
			return new PlanStep(plans.get(0), rules(plans.get(0)), settings.delivery());
		}
		var shared = settings.workspace();
		List<PlanStep> steps = new ArrayList<>();
		for (JourneyPlan plan : plans) {
			steps.add(new PlanStep(plan, rules(plan), shared.forEachJourney()));
		}
		return new WorkspaceStep(steps, shared);
	}

	/** The models of every journey, read relative to the journey directory (a workspace's folder). */
	Scorer scorer() {
		Path directory = Path.of(settings.journeyDirectory());
		if (!workspace) {
			return present(PlanServices.scorer(plans.get(0), directory));
		}
		Map<String, Scorer> scorers = new LinkedHashMap<>();
		for (JourneyPlan plan : plans) {
			scorers.put(plan.name(), present(PlanServices.scorer(plan, directory)));
		}
		return new WorkspaceScorer(scorers);
	}

	private static CampaignRules rules(JourneyPlan plan) {
		CampaignRules rules = PlanServices.rules(plan);
		if (rules == null) {
			throw missing("Drools (the campaign rules)");
		}
		return rules;
	}

	private static Scorer present(Scorer scorer) {
		if (scorer == null) {
			throw missing("ONNX Runtime (the models)");
		}
		return scorer;
	}

	private static IllegalStateException missing(String what) {
		return new IllegalStateException("the job jar lacks " + what + "; build it with mvn -pl flink -am package, see docs/flink.md");
	}
}
