package io.itinera.runtime.assembly;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.PlanStep;
import java.util.List;

/**
 * One journey assembled: its plan, its campaign rules, the scorer for its models and the delivery
 * settings it runs with ({@link RuntimeAssembly#journey}), and the board on which its host publishes the
 * weights of its learning splits (every step of it reads that one board).
 */
public record AssembledJourney(JourneyPlan plan, CampaignRules rules, Scorer scorer, DeliverySettings delivery,
		SplitWeights.Board splitWeights) implements AssembledRuntime {

	public AssembledJourney(JourneyPlan plan, CampaignRules rules, Scorer scorer, DeliverySettings delivery) {
		this(plan, rules, scorer, delivery, new SplitWeights.Board());
	}

	/** The journey's step function. */
	@Override
	public PlanStep newStep() {
		return newStep(rules);
	}

	/** The journey's step function over {@code rules} standing in for its own (explain traces them: {@code RuleTrace}). */
	public PlanStep newStep(CampaignRules rules) {
		return StepStack.journey(plan, rules, delivery).readingSplitWeights(splitWeights);
	}

	@Override
	public List<JourneyPlan> plans() {
		return List.of(plan);
	}

	@Override
	public EventSchema schema() {
		return EventSchema.of(plan);
	}

	@Override
	public void close() {
		scorer.close();
	}
}
