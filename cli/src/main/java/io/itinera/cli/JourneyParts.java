package io.itinera.cli;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.PlanServices;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.DrlBuildException;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.PlanStep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * What running a journey takes beside its plan, built one way for every command that runs one
 * ({@code run}, {@code simulate}, {@code bench}): its campaign rules, the scorer for its models
 * and the host's delivery settings.
 */
record JourneyParts(JourneyPlan plan, CampaignRules rules, Scorer scorer, DeliverySettings delivery) implements AutoCloseable {

	/**
	 * The parts of the journey in {@code file}, or null after telling {@code err} why they cannot be
	 * had (raw DRL not allowed, rules that do not build, no scorer for its models).
	 */
	static JourneyParts of(JourneyPlan plan, Path file, boolean allowRawDrl, boolean withoutModels, DeliverySettings delivery,
			PrintWriter err) {
		String forbidden = RawDrlPolicy.refusal(plan, allowRawDrl);
		if (forbidden != null) {
			err.println(forbidden);
			return null;
		}
		CampaignRules rules;
		try {
			rules = rules(plan);
		} catch (DrlBuildException e) {
			err.println(file + ": the campaign rules do not build: " + e.getMessage());
			return null;
		}
		if (rules == null) {
			err.println("note: no rules engine is on the class path, so the campaigns of " + plan.name() + " send nothing.");
			rules = CampaignRules.NONE;
		}
		Scorer scorer = withoutModels ? noScores() : scorer(plan, directoryOf(file));
		if (scorer == null) {
			err.println(file + ": the journey scores with models (" + modelNames(plan)
					+ ") but no ONNX scorer is on the class path; add the scorer module, or run with --without-models.");
			return null;
		}
		return new JourneyParts(plan, rules, scorer, delivery);
	}

	/** A step function of its own (one per worker thread: a step may hold per-thread rule sessions). */
	PlanStep newStep() {
		return new PlanStep(plan, rules, delivery);
	}

	@Override
	public void close() {
		scorer.close();
	}

	private static CampaignRules rules(JourneyPlan plan) {
		return PlanServices.rules(plan);
	}

	private static Scorer scorer(JourneyPlan plan, Path journeyDirectory) {
		return PlanServices.scorer(plan, journeyDirectory);
	}

	/** Answers every request with NaN ("no score"): for journeys run without their models. */
	static Scorer noScores() {
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
