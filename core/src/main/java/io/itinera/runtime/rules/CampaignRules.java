package io.itinera.runtime.rules;

import java.util.List;

/**
 * Decides what the journey's campaigns do for one customer right now. The step function calls it
 * when a customer enters a stage and on each event while they are in a stage that has campaigns;
 * {@link CustomerFact#getCampaigns()} says which campaigns may act (their stage, their split arm).
 * Implementations (a Drools KieBase) must be thread-safe, deterministic, and keep no clock.
 */
public interface CampaignRules {
	List<RuleAction> evaluate(CustomerFact customer);

	/** Rules for a journey without campaigns. */
	CampaignRules NONE = customer -> List.of();
}
