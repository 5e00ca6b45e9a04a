package io.itinera.cli;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.CampaignRulesProvider;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.scoring.ScorerProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the scorer and the campaign rules a journey needs among the implementations on the class path. */
final class EngineParts {
	private EngineParts() {
	}

	/** The rules of the journey's campaigns; {@link CampaignRules#NONE} when it has none or no rules engine is present. */
	static CampaignRules rules(JourneyPlan plan) {
		if (plan.campaigns().isEmpty()) {
			return CampaignRules.NONE;
		}
		return ServiceLoader.load(CampaignRulesProvider.class).findFirst().map(provider -> provider.rulesFor(plan))
				.orElse(null);
	}

	/** The scorer for the journey's models, or null when it has models and no scorer is present. */
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

	static String modelNames(JourneyPlan plan) {
		return plan.models().stream().map(Model::name).collect(Collectors.joining(", "));
	}
}
