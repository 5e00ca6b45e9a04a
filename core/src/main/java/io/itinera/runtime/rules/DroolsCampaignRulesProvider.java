package io.itinera.runtime.rules;

import io.itinera.runtime.plan.JourneyPlan;

/** Registers the Drools rules with hosts that look for a {@link CampaignRulesProvider}. */
public final class DroolsCampaignRulesProvider implements CampaignRulesProvider {
	@Override
	public CampaignRules rulesFor(JourneyPlan plan) {
		return DroolsCampaignRules.forPlan(plan);
	}

	@Override
	public void warmUp() {
		RuleBaseBuilder.warmUp();
	}
}
