package io.itinera.runtime.rules;

import java.util.Map;

/**
 * One action a rule decided. {@code kind} is send, tag, untag or webhook; {@code channel} is set
 * for sends only; {@code target} is the template, the tag or the URL; {@code actionIndex} is the
 * action's position in its rule (part of the action's stable id).
 */
public record RuleAction(String campaign, String rule, int actionIndex, String kind, String channel, String target,
		Map<String, String> params) {
	public RuleAction {
		params = Map.copyOf(params);
	}
}
