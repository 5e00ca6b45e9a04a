package io.itinera.cli;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.scoring.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The campaign rules and the scorer a simulation needs. */
final class SimulationParts {
	private SimulationParts() {
	}

	/** The journey's rules, or null after saying why there are none. */
	static CampaignRules rules(JourneyPlan plan, PrintWriter err) {
		if (plan.campaigns().isEmpty()) {
			return CampaignRules.NONE;
		}
		err.println(plan.name() + ": campaign rules need the Drools rules engine, which this build lacks.");
		return null;
	}

	/** One scorer for the models of all versions, or null after saying why there is none. */
	static Scorer scorer(List<JourneyPlan> plans, Path journeyDirectory, PrintWriter err) {
		for (JourneyPlan plan : plans) {
			if (!plan.models().isEmpty()) {
				err.println(plan.name() + ": scoring models needs the ONNX scorer, which this build lacks.");
				return null;
			}
		}
		return (model, rows) -> new float[rows.length];
	}
}
