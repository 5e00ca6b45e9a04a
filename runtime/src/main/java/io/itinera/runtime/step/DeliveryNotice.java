package io.itinera.runtime.step;

import io.itinera.runtime.delivery.DeliveryOutcome;

/**
 * A message that was not simply sent when decided: suppressed by a cap, held by quiet hours (until
 * {@code releaseAt}), released later, or dropped at release. Reports count them per campaign and rule.
 */
public record DeliveryNotice(String customerId, long at, String actionId, String campaign, String rule, String channel,
		String target, DeliveryOutcome outcome, long releaseAt) {
}
