package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.ActionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A journey's {@code send … at best hour} actions, found by the message's campaign, rule, channel and template
 * as the step finds them: numbered in declaration order, with their fallback time.
 */
final class BestHourSends {
	/** One best-hour send: where it is declared and its fallback minute of the day (-1: none). */
	record Send(int index, String campaign, String rule, String channel, String template, int fallbackMinute) {
		String fallbackTime() {
			return fallbackMinute < 0 ? null : String.format(Locale.ROOT, "%02d:%02d", fallbackMinute / 60, fallbackMinute % 60);
		}

		String label() {
			return campaign + ": " + rule + " (" + channel + " \"" + template + "\")";
		}
	}

	private final List<Send> sends = new ArrayList<>();
	private final Map<String, Send> byKey = new HashMap<>();

	BestHourSends(JourneyPlan plan) {
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				for (Action action : rule.actions()) {
					if (action instanceof Action.Send send && send.bestHour() != null) {
						String channel = send.channel().name().toLowerCase(Locale.ROOT);
						Send found = new Send(sends.size(), campaign.name(), rule.title(), channel, send.template(),
								send.bestHour().fallbackMinute());
						if (byKey.putIfAbsent(key(campaign.name(), rule.title(), channel, send.template()), found) == null) {
							sends.add(found);
						}
					}
				}
			}
		}
	}

	boolean isEmpty() {
		return sends.isEmpty();
	}

	List<Send> all() {
		return sends;
	}

	/** The best-hour send a message comes from, or null. */
	Send of(ActionRecord action) {
		return of(action.campaign(), action.rule(), action.channel(), action.target());
	}

	Send of(String campaign, String rule, String channel, String template) {
		if (sends.isEmpty()) {
			return null;
		}
		return byKey.get(key(campaign, rule, channel == null ? "" : channel.toLowerCase(Locale.ROOT), template));
	}

	private static String key(String campaign, String rule, String channel, String template) {
		return campaign + '\0' + rule + '\0' + channel + '\0' + template;
	}
}
