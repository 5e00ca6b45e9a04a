package io.itinera.runtime.step;

import java.util.Map;

/**
 * An action decided for a customer. {@code id} is deterministic (same input, same id), so a
 * sink that has written it once skips it on a retry or a restart. {@code scores} are the model
 * scores that led to it, for explanations. {@code version} names the version of the journey that
 * decided it while two run side by side ({@code run --pin-old}), else null.
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
		Map<String, Double> scores,
		String version) {

	public ActionRecord(String id, String customerId, long at, String campaign, String rule, String kind, String channel,
			String target, Map<String, String> params, Map<String, Double> scores) {
		this(id, customerId, at, campaign, rule, kind, channel, target, params, scores, null);
	}

	public ActionRecord withVersion(String planVersion) {
		return new ActionRecord(id, customerId, at, campaign, rule, kind, channel, target, params, scores, planVersion);
	}
}
