package io.itinera.cli;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.DrlBuildException;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.scoring.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The real campaign rules (Drools) and scorer (ONNX, when on the class path) a simulation needs. */
final class SimulationParts {
	private SimulationParts() {
	}

	/** The journey's rules, or null after saying why they cannot be built. */
	static CampaignRules rules(JourneyPlan plan, Path file, PrintWriter err) {
		try {
			return DroolsCampaignRules.forPlan(plan);
		} catch (DrlBuildException e) {
			err.println(file + ": the campaign rules do not build: " + e.getMessage());
			return null;
		}
	}

	/** The scorer for the journey's models (none needed: null), or null after saying why there is none. */
	static Scorer scorer(JourneyPlan plan, Path file, PrintWriter err) {
		if (plan.models().isEmpty()) {
			return null;
		}
		Path directory = file.toAbsolutePath().getParent();
		Scorer scorer = EngineParts.scorer(plan, directory);
		if (scorer == null) {
			err.println(file + ": the journey scores with " + EngineParts.modelNames(plan)
					+ " but no ONNX scorer is on the class path; build the cli with the scorer module.");
		}
		return scorer;
	}
}
