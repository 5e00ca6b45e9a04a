package io.itinera.runtime.step;

import java.util.Map;

/**
 * An action decided for a customer. {@code id} is deterministic (same input, same id), so a
 * sink that has written it once skips it on a retry or a restart. {@code scores} are the model
 * scores that led to it, for explanations. {@code journey} names the journey that decided it in a
 * workspace run (many journeys over one stream); null when one journey runs alone. {@code version} names
 * the version of the journey that decided it while two run side by side ({@code run --pin-old}), else null.
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
		String journey,
		String version) {

	/** An action of a journey that runs alone. */
	public ActionRecord(String id, String customerId, long at, String campaign, String rule, String kind, String channel,
			String target, Map<String, String> params, Map<String, Double> scores) {
		this(id, customerId, at, campaign, rule, kind, channel, target, params, scores, null, null);
	}

	public ActionRecord withVersion(String planVersion) {
		return new ActionRecord(id, customerId, at, campaign, rule, kind, channel, target, params, scores, journey, planVersion);
	}

	/** The same action as a workspace writes it: with its journey, and an id no other journey's action has. */
	public ActionRecord inJourney(String journeyName) {
		return new ActionRecord(ActionIds.inJourney(journeyName, id), customerId, at, campaign, rule, kind, channel, target, params,
				scores, journeyName, version);
	}

	/** The same action at another time (a held message released later keeps its id). */
	public ActionRecord delayedTo(long time) {
		return new ActionRecord(id, customerId, time, campaign, rule, kind, channel, target, params, scores, journey, version);
	}
}
