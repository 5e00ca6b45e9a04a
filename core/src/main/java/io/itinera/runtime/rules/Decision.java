package io.itinera.runtime.rules;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An action a rule's consequence is deciding: {@code decisions.send(…)} returns one, and
 * {@code .with(name, value)} adds its parameters. Becomes a {@link RuleAction} when the
 * evaluation ends.
 */
public final class Decision {
	private final String campaign;
	private final String rule;
	private final int actionIndex;
	private final String kind;
	private final String channel;
	private final String target;
	private final Map<String, String> params = new LinkedHashMap<>();

	Decision(String campaign, String rule, int actionIndex, String kind, String channel, String target) {
		this.campaign = campaign;
		this.rule = rule;
		this.actionIndex = actionIndex;
		this.kind = kind;
		this.channel = channel;
		this.target = target;
	}

	/** Adds a parameter, its value rendered as text (whole numbers without a decimal point). */
	public Decision with(String name, Object value) {
		params.put(name, render(value));
		return this;
	}

	/** A parameter value as text, as rules and broadcasts write it. */
	public static String render(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isNaN(number)) {
				return "";
			}
			if (number == Math.rint(number) && Math.abs(number) < 1e15) {
				return Long.toString((long) number);
			}
			return String.format(Locale.ROOT, "%s", number);
		}
		if (value instanceof java.util.List<?> list) {
			// a recommender's items: ids joined by commas, as a template engine splits them
			return list.stream().map(Decision::render).collect(java.util.stream.Collectors.joining(","));
		}
		return value.toString();
	}

	String campaign() {
		return campaign;
	}

	String rule() {
		return rule;
	}

	RuleAction toRuleAction() {
		return new RuleAction(campaign, rule, actionIndex, kind, channel, target, params);
	}
}
