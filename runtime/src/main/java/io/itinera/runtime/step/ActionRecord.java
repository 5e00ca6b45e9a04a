package io.itinera.runtime.step;

import java.util.Map;

/**
 * An action decided for a customer. {@code id} is deterministic (same input, same id), so a
 * sink that has written it once skips it on a retry or a restart. {@code scores} are the model
 * scores that led to it, for explanations.
 */
public record ActionRecord(
		String id,
		String customerId,
		long at,
		String campaign,
		String rule,
		String kind,
		String channel,
		String target,
		Map<String, String> params,
		Map<String, Double> scores) {
}
