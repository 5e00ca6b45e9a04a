package io.itinera.runtime.rules;

import io.itinera.runtime.plan.JourneyPlan;

/**
 * Builds a journey's {@link CampaignRules}; hosts find an implementation with
 * {@link java.util.ServiceLoader} (the Drools rules register one), so they need not know it.
 */
public interface CampaignRulesProvider {
	CampaignRules rulesFor(JourneyPlan plan);

	/**
	 * Loads and initialises the rules engine ahead of the first {@link #rulesFor}, which then costs less; for a
	 * command to call on another thread while it parses its journey. Nothing by default.
	 */
	default void warmUp() {
	}
}
