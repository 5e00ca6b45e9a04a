package io.itinera.flink;

import io.itinera.runtime.assembly.AssembledRuntime;
import io.itinera.runtime.assembly.AssemblyException;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.runtime.io.WorkspaceSchema;
import java.nio.file.Path;
import java.util.List;

/**
 * What a job runs, read from {@link JobSettings#planJson()}: one journey, or a workspace's journeys
 * over one stream ({@code WorkspacePlans}' form), assembled by {@link RuntimeAssembly} exactly as
 * {@code itinera run} assembles them. A plan with raw DRL is refused here unless the job was started
 * with {@code --allow-raw-drl}: on the client before the job starts, and in every subtask again.
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

	/** @throws AssemblyException when a journey has raw DRL and the job does not allow it */
	static JobJourneys of(JobSettings settings) {
		List<JourneyPlan> plans = plans(settings);
		for (JourneyPlan plan : plans) {
			RuntimeAssembly.requireRawDrlAllowed(plan, settings.allowRawDrl());
		}
		return new JobJourneys(settings, plans, WorkspacePlans.isWorkspace(settings.planJson()));
	}

	private static List<JourneyPlan> plans(JobSettings settings) {
		return WorkspacePlans.isWorkspace(settings.planJson()) ? List.copyOf(WorkspacePlans.read(settings.planJson()).values())
				: List.of(PlanJson.read(settings.planJson()));
	}

	/**
	 * Whether a journey has a split that learns its winner (the job's operator then has an
	 * {@link EpochCoordinator}); checked where the job is built, before the policies every subtask checks.
	 *
	 * @param inEventTime whether the job's input goes by event time with watermarks that only its events
	 *                    move: a replayed log or a Kafka topic (not a watched folder, not {@code --clock wall})
	 * @throws AssemblyException when a journey learns over another input
	 */
	static boolean learns(JobSettings settings, boolean inEventTime) {
		JobJourneys journeys = new JobJourneys(settings, plans(settings), WorkspacePlans.isWorkspace(settings.planJson()));
		if (!SplitEpochs.learns(journeys.plans)) {
			return false;
		}
		if (!inEventTime) {
			journeys.refuseLearningSplits();
		}
		return true;
	}

	/**
	 * The job learns the winners of the splits of one journey or a workspace's journeys over a log it
	 * replays or a Kafka topic ({@link LearningEpochs}), not over a watched folder or by the wall clock yet.
	 *
	 * @throws AssemblyException when a journey has a split that learns
	 */
	private void refuseLearningSplits() {
		RuntimeAssembly.refuseLearningSplits(plans, "the Flink job over a watched folder or by the wall clock",
				"give itinera flink a log or a Kafka topic in event time, or use itinera run or itinera simulate.");
	}

	/** For messages and the job's name: the journey's name, or the workspace's journeys. */
	String name() {
		return workspace ? "workspace " + String.join(", ", plans.stream().map(JourneyPlan::name).toList()) : plans.get(0).name();
	}

	/** The events the log is read with: a workspace reads the union of its journeys' events. */
	EventSchema schema() {
		return workspace ? WorkspaceSchema.of(plans) : EventSchema.of(plans.get(0));
	}

	/**
	 * The rules (Drools) and models of every journey, built here (a subtask's own); models are read
	 * relative to the journey directory (a workspace's folder).
	 */
	AssembledRuntime assemble() {
		AssemblyOptions options = AssemblyOptions.DEFAULT.allowingRawDrl(settings.allowRawDrl()).withDelivery(settings.delivery());
		Path directory = Path.of(settings.journeyDirectory());
		try {
			if (settings.wallClock()) {
				refuseLearningSplits();
			}
			if (!workspace) {
				return RuntimeAssembly.journey(plans.get(0), directory.resolve(plans.get(0).name() + ".journey"), options);
			}
			return RuntimeAssembly.workspace(plans, plan -> directory.resolve(plan.name() + ".journey"), settings.workspaceFromFile(),
					options);
		} catch (AssemblyException e) {
			throw switch (e.reason()) {
			case NO_RULES_ENGINE -> missing("Drools (the campaign rules)");
			case NO_SCORER -> missing("ONNX Runtime (the models)");
			default -> e;
			};
		}
	}

	private static IllegalStateException missing(String what) {
		return new IllegalStateException("the job jar lacks " + what + "; build it with mvn -pl flink -am package, see docs/flink.md");
	}
}
