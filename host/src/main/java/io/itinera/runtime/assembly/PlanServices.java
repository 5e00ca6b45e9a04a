package io.itinera.runtime.assembly;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.CampaignRulesProvider;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.scoring.ScorerProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ServiceLoader;

/**
 * The rules engine and the scorer a plan runs with, found on the class path the same way for every
 * host: Drools and ONNX Runtime when present. Only {@link RuntimeAssembly} looks them up.
 */
final class PlanServices {
	private PlanServices() {
	}

	/**
	 * The plan's campaign rules ({@link CampaignRules#NONE} without campaigns), or null when it has
	 * campaigns but no rules engine is on the class path.
	 *
	 * @throws io.itinera.runtime.rules.DrlBuildException when the rules do not build
	 */
	static CampaignRules rules(JourneyPlan plan) {
		if (plan.campaigns().isEmpty()) {
			return CampaignRules.NONE;
		}
		return ServiceLoader.load(CampaignRulesProvider.class).findFirst().map(provider -> provider.rulesFor(plan))
				.orElse(null);
	}

	/** Warms the rules engine on the class path up ({@link CampaignRulesProvider#warmUp}), if there is one. */
	static void warmUpRules() {
		ServiceLoader.load(CampaignRulesProvider.class).findFirst().ifPresent(CampaignRulesProvider::warmUp);
	}

	/**
	 * The scorer for the plan's models, read relative to {@code journeyDirectory} ({@link #noScores()}
	 * without models), or null when it has models but no scorer is on the class path.
	 */
	static Scorer scorer(JourneyPlan plan, Path journeyDirectory) {
		if (plan.models().isEmpty()) {
			return noScores();
		}
		return ServiceLoader.load(ScorerProvider.class).findFirst()
				.map(provider -> provider.scorerFor(plan, journeyDirectory)).orElse(null);
	}

	/** Answers every request with NaN ("no score"): for journeys run without their models. */
	static Scorer noScores() {
		return (model, rows) -> {
			float[] scores = new float[rows.length];
			Arrays.fill(scores, Float.NaN);
			return scores;
		};
	}
}
