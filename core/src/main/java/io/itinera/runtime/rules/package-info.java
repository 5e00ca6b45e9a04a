/**
 * Campaign rules: the {@link io.itinera.runtime.rules.CampaignRules} contract the step function calls,
 * and its Drools implementation (DRL generated from the plan, raw DRL blocks, rule traces), found by
 * hosts through a service provider.
 */
package io.itinera.runtime.rules;
