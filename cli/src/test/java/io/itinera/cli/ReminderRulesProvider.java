package io.itinera.cli;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.CampaignRulesProvider;
import io.itinera.runtime.rules.RuleAction;
import java.util.List;
import java.util.Map;

/**
 * Test rules registered for the cli tests (the Drools rules are another module's): every campaign
 * that may act sends one push when the customer enters its stage, so runs produce actions.
 */
public final class ReminderRulesProvider implements CampaignRulesProvider {
	@Override
	public CampaignRules rulesFor(JourneyPlan plan) {
		return customer -> customer.isStageEntered()
				? customer.getCampaigns().stream()
						.map(campaign -> new RuleAction(campaign, "Remind", 0, "send", "push", "cart_reminder", Map.of()))
						.toList()
				: List.of();
	}
}
