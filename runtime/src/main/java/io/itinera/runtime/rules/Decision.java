package io.itinera.runtime.rules;

import io.itinera.runtime.plan.Channel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One action a campaign rule decided for a customer, before caps, quiet hours and splits have
 * had their say. {@code channel} is null for tags and webhooks; {@code target} is the template,
 * the tag or the URL.
 */
public final class Decision {
	public enum Kind {
		SEND, TAG, UNTAG, WEBHOOK
	}

	private final String campaign;
	private final String rule;
	private final Kind kind;
	private final Channel channel;
	private final String target;
	private final Map<String, String> params = new LinkedHashMap<>();

	public Decision(String campaign, String rule, Kind kind, Channel channel, String target) {
		this.campaign = campaign;
		this.rule = rule;
		this.kind = kind;
		this.channel = channel;
		this.target = target;
	}

	/** Adds a parameter, its value rendered as text (whole numbers without a decimal point). */
	public Decision with(String name, Object value) {
		params.put(name, render(value));
		return this;
	}

	static String render(Object value) {
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
		return value.toString();
	}

	public String campaign() {
		return campaign;
	}

	public String rule() {
		return rule;
	}

	public Kind kind() {
		return kind;
	}

	public Channel channel() {
		return channel;
	}

	public String target() {
		return target;
	}

	public Map<String, String> params() {
		return Collections.unmodifiableMap(params);
	}

	/** "send email cart_reminder", "tag vip", "webhook https://…": how a marketer would say it. */
	public String describe() {
		return switch (kind) {
			case SEND -> "send " + channel.name().toLowerCase(Locale.ROOT) + " \"" + target + "\"";
			case TAG -> "tag \"" + target + "\"";
			case UNTAG -> "untag \"" + target + "\"";
			case WEBHOOK -> "webhook \"" + target + "\"";
		};
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Decision that && campaign.equals(that.campaign) && rule.equals(that.rule)
				&& kind == that.kind && channel == that.channel && target.equals(that.target)
				&& params.equals(that.params);
	}

	@Override
	public int hashCode() {
		return Objects.hash(campaign, rule, kind, channel, target);
	}

	@Override
	public String toString() {
		return campaign + " :: " + rule + " -> " + describe() + (params.isEmpty() ? "" : " " + params);
	}
}
