package io.itinera.runtime.change;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.QuietHours;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Transition;
import java.util.stream.Collectors;

/**
 * Plan elements as the journey language writes them, without source locations: two elements are
 * the same to a marketer when their texts are equal.
 */
final class PlanText {
	private PlanText() {
	}

	static String transition(Transition transition) {
		return trigger(transition) + " -> " + transition.target();
	}

	/** What fires the transition, without its target: "on purchase if amount > 10", "after 1 hour". */
	static String trigger(Transition transition) {
		if (transition instanceof Transition.OnEvent on) {
			return "on " + on.event() + (on.condition() == null ? "" : " if " + ExprText.of(on.condition()));
		}
		if (transition instanceof Transition.AfterDelay after) {
			return "after " + ExprText.duration(after.delayMillis());
		}
		if (transition instanceof Transition.OnSegment onSegment) {
			return io.itinera.runtime.plan.TransitionLabels.of(onSegment);
		}
		Transition.WhenScore when = (Transition.WhenScore) transition;
		String hysteresis = when.hysteresis() == null ? ""
				: " (leave " + when.hysteresis().direction().name().toLowerCase(java.util.Locale.ROOT) + " "
						+ when.hysteresis().threshold() + ")";
		return "when " + ExprText.of(when.condition()) + hysteresis;
	}

	static String feature(Feature feature) {
		String source = feature.field() == null ? feature.event() : feature.event() + "." + feature.field();
		return switch (feature.kind()) {
			case DAYS_SINCE -> "days since last " + feature.event();
			case DAYS_SINCE_FIRST -> "days since first " + feature.event();
			case DAYS_SINCE_PREVIOUS -> "days since previous " + feature.event();
			default -> feature.kind().name().toLowerCase(java.util.Locale.ROOT) + "(" + source + ")" + window(feature.window());
		};
	}

	/** The feature without its window: what it aggregates. */
	static String definition(Feature feature) {
		return feature.kind() + " " + feature.event() + "." + feature.field();
	}

	static String window(FeatureWindow window) {
		if (window instanceof FeatureWindow.Sliding sliding) {
			return " over " + ExprText.duration(sliding.lengthMillis());
		}
		if (window instanceof FeatureWindow.SinceLast since) {
			return " since last " + since.event();
		}
		return "";
	}

	static String cap(Cap cap) {
		return "cap " + cap.limit() + " per " + ExprText.duration(cap.periodMillis())
				+ (cap.channel() == null ? "" : " on " + cap.channel().name().toLowerCase(java.util.Locale.ROOT));
	}

	static String quietHours(QuietHours quietHours) {
		return quietHours == null ? "no quiet hours"
				: "quiet hours " + timeOfDay(quietHours.startMinute()) + " - " + timeOfDay(quietHours.endMinute());
	}

	private static String timeOfDay(int minute) {
		return String.format("%02d:%02d", minute / 60, minute % 60);
	}

	static String arms(Split split) {
		return "{ " + split.arms().stream().map(arm -> arm.percent() + "% " + arm.label()).collect(Collectors.joining(", "))
				+ " }";
	}

	static String bestHour(Action.BestHour bestHour) {
		if (bestHour == null) {
			return "";
		}
		String fallback = bestHour.fallbackMinute() < 0 ? ""
				: String.format(java.util.Locale.ROOT, " fallback %02d:%02d", bestHour.fallbackMinute() / 60, bestHour.fallbackMinute() % 60);
		return " at best hour from " + String.join(", ", bestHour.engagementEvents()) + fallback + " within "
				+ bestHour.withinMillis() / 60_000 + " minutes";
	}

	/** {@code with coupon = best of V among "A", "B" explore 10%}, after the send's other params. */
	static String offerChoice(Action.OfferChoice choice) {
		if (choice == null) {
			return "";
		}
		String explore = choice.exploreRate() > 0
				? " explore " + java.math.BigDecimal.valueOf(choice.exploreRate() * 100).stripTrailingZeros().toPlainString() + "%"
				: "";
		return " choosing " + choice.param() + " = best of " + choice.model() + " among "
				+ choice.offers().stream().map(o -> "\"" + o + "\"").collect(Collectors.joining(", ")) + explore;
	}

	static String action(Action action) {
		if (action instanceof Action.Send send) {
			return "send " + send.channel().name().toLowerCase(java.util.Locale.ROOT) + " \"" + send.template() + "\""
					+ params(send.params()) + offerChoice(send.offerChoice()) + bestHour(send.bestHour());
		}
		if (action instanceof Action.Tag tag) {
			return "tag \"" + tag.tag() + "\"";
		}
		if (action instanceof Action.Untag untag) {
			return "untag \"" + untag.tag() + "\"";
		}
		Action.Webhook webhook = (Action.Webhook) action;
		return "webhook \"" + webhook.url() + "\"" + params(webhook.params());
	}

	private static String params(java.util.List<Action.Param> params) {
		return params.isEmpty() ? ""
				: " with " + params.stream().map(p -> p.name() + " = " + ExprText.of(p.value())).collect(Collectors.joining(", "));
	}
}
