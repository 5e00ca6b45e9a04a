package io.itinera.runtime.assembly;

import io.itinera.runtime.rules.RawDrlPolicy;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.DrlBuildException;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.workspace.WorkspaceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a journey's or a workspace's runtime from compiled plans, one way for every host: the
 * raw-DRL policy first, then each journey's campaign rules (Drools) and the scorer for its models
 * (ONNX), with the host's delivery settings. Problems come out as an {@link AssemblyException}
 * whose message names the file and the fix.
 */
public final class RuntimeAssembly {
	private RuntimeAssembly() {
	}

	/**
	 * Refuses a split that learns its winner ({@code auto winner by goal}) on a host that cannot run one:
	 * its weights change at instants of event time for every customer at once, which needs a host that has
	 * every customer's inputs before such an instant applied first ({@code run} and {@code simulate} over a
	 * log do). One line: the split's file and line, why, and what to do instead.
	 *
	 * @param host    the host, as a user names it ({@code run --kafka}, {@code serve}, the Flink job)
	 * @param instead what to do instead
	 * @throws AssemblyException for the first learning split of {@code plans}
	 */
	public static void refuseLearningSplits(List<JourneyPlan> plans, String host, String instead) {
		for (JourneyPlan plan : plans) {
			for (io.itinera.runtime.plan.Split split : plan.splits()) {
				if (split.learns()) {
					io.itinera.runtime.plan.SourceLocation at = split.location();
					throw new AssemblyException(AssemblyException.Reason.LEARNING_SPLIT_NOT_SUPPORTED, at.file() + ":" + at.line()
							+ ": split " + split.name() + " learns its winner (auto winner by goal), which " + host
							+ " cannot run yet (its weights change at epochs of event time for all customers at once); " + instead);
				}
			}
		}
	}

	/**
	 * Loads and initialises the rules engine before a journey is assembled, so that building its campaign rules
	 * then costs a fraction: for a command to call on another thread while it parses the journey. Builds nothing a
	 * host uses; a failure is met again, and reported, by {@link #journey}.
	 */
	public static void warmUpRules() {
		PlanServices.warmUpRules();
	}

	/**
	 * One journey.
	 *
	 * @param source the journey's file (or plan): named in messages; its models are read relative to its folder
	 * @throws AssemblyException raw DRL not allowed, rules that do not build, no scorer for its models
	 */
	public static AssembledJourney journey(JourneyPlan plan, Path source, AssemblyOptions options) {
		requireRawDrlAllowed(plan, options.allowRawDrl());
		CampaignRules rules;
		try {
			rules = PlanServices.rules(plan);
		} catch (DrlBuildException e) {
			throw new AssemblyException(AssemblyException.Reason.RULES_DO_NOT_BUILD,
					source + ": the campaign rules do not build: " + e.getMessage());
		}
		if (rules == null) {
			if (options.notes() == null) {
				throw new AssemblyException(AssemblyException.Reason.NO_RULES_ENGINE, source
						+ ": no rules engine is on the class path, so the campaigns of " + plan.name() + " cannot run.");
			}
			options.notes().accept("note: no rules engine is on the class path, so the campaigns of " + plan.name() + " send nothing.");
			rules = CampaignRules.NONE;
		}
		Scorer scorer = options.withoutModels() ? noScores() : PlanServices.scorer(plan, directoryOf(source));
		if (scorer == null) {
			throw new AssemblyException(AssemblyException.Reason.NO_SCORER, source + ": the journey scores with models ("
					+ modelNames(plan) + ") but no ONNX scorer is on the class path; add the scorer module, or run with --without-models.");
		}
		return new AssembledJourney(plan, rules, scorer, options.delivery());
	}

	/**
	 * The journeys of a workspace over one stream: each assembled as {@link #journey} with the
	 * workspace's delivery settings ({@code fromFile}'s, with the host's added).
	 *
	 * @param sourceOf each journey's file (its models are read relative to its folder)
	 * @throws AssemblyException for the first journey that cannot be assembled
	 */
	public static AssembledWorkspace workspace(List<JourneyPlan> plans, Function<JourneyPlan, Path> sourceOf,
			WorkspaceSettings fromFile, AssemblyOptions options) {
		WorkspaceSettings settings = fromFile.with(options.delivery());
		AssemblyOptions each = options.withDelivery(settings.forEachJourney());
		List<AssembledJourney> journeys = new ArrayList<>();
		try {
			for (JourneyPlan plan : plans) {
				journeys.add(journey(plan, sourceOf.apply(plan), each));
			}
		} catch (RuntimeException e) {
			journeys.forEach(AssembledJourney::close);
			throw e;
		}
		return new AssembledWorkspace(journeys, settings);
	}

	/**
	 * The journey's current version with the older ones customers of a state are pinned to, each
	 * assembled with the current one's delivery settings and scored by its scorer ({@code --pin-old}
	 * refuses a change of models).
	 *
	 * @throws AssemblyException when a pinned version cannot run (the message says which)
	 */
	public static PinnedJourney pinned(AssembledJourney current, String currentPlanJson, PinnedPlans versions,
			AssemblyOptions options) {
		AssemblyOptions each = options.withoutModels(true).withDelivery(current.delivery());
		Map<String, AssembledJourney> pinned = new LinkedHashMap<>();
		for (PinnedPlans.Pinned version : versions.versions()) {
			JourneyPlan plan = PlanJson.read(version.planJson());
			try {
				pinned.put(version.version(), journey(plan, Path.of(plan.name() + "@" + version.version()), each));
			} catch (AssemblyException e) {
				pinned.values().forEach(AssembledJourney::close);
				throw new AssemblyException(e.reason(), e.getMessage() + "\nversion " + version.version() + " of the journey ("
						+ version.source() + "), which customers of the state still run on, cannot run (above)");
			}
		}
		return new PinnedJourney(current, PlanVersion.of(currentPlanJson), pinned);
	}

	/**
	 * A workspace's journeys, each with the older versions customers of a state are pinned to
	 * ({@code run DIR --pin-old}); a journey's version is that of its plan's JSON.
	 *
	 * @throws AssemblyException when a pinned version cannot run (the message says which)
	 */
	public static PinnedWorkspace pinned(AssembledWorkspace workspace, PinnedPlans versions, AssemblyOptions options) {
		List<PinnedJourney> journeys = new ArrayList<>();
		try {
			for (AssembledJourney journey : workspace.journeys()) {
				journeys.add(pinned(journey, PlanJson.write(journey.plan()), versions.of(journey.plan().name()), options));
			}
		} catch (RuntimeException e) {
			journeys.forEach(PinnedJourney::close);
			throw e;
		}
		return new PinnedWorkspace(workspace, journeys);
	}

	/** @throws AssemblyException ({@link AssemblyException.Reason#RAW_DRL_REFUSED}) when the plan may not run */
	public static void requireRawDrlAllowed(JourneyPlan plan, boolean allowed) {
		String refusal = RawDrlPolicy.refusal(plan, allowed);
		if (refusal != null) {
			throw new AssemblyException(AssemblyException.Reason.RAW_DRL_REFUSED, refusal);
		}
	}

	/** Answers every request with NaN ("no score"): for journeys run without their models. */
	public static Scorer noScores() {
		return PlanServices.noScores();
	}

	private static Path directoryOf(Path file) {
		Path parent = file.toAbsolutePath().getParent();
		return parent == null ? Path.of(".") : parent;
	}

	private static String modelNames(JourneyPlan plan) {
		return plan.models().stream().map(Model::name).collect(Collectors.joining(", "));
	}
}
