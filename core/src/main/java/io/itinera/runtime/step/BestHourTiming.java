package io.itinera.runtime.step;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Send-time optimisation ({@code send … at best hour}): counts each customer's engagement events per
 * local hour ({@link EngagementHours}, one histogram per journey for all its best-hour sends) and says
 * when a decided send should go: at the start of the customer's best hour, else at the fallback time,
 * never later than the send's limit. Pure: the time comes from the input, the zone from the caller.
 */
final class BestHourTiming {
	private final Map<String, Action.BestHour> bySend = new HashMap<>();
	private final Set<String> engagementEvents = new HashSet<>();

	BestHourTiming(JourneyPlan plan) {
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				for (Action action : rule.actions()) {
					if (action instanceof Action.Send send && send.bestHour() != null) {
						bySend.put(key(campaign.name(), rule.title(), send.channel().name().toLowerCase(Locale.ROOT), send.template()),
								send.bestHour());
						engagementEvents.addAll(send.bestHour().engagementEvents());
					}
				}
			}
		}
	}

	boolean isEmpty() {
		return bySend.isEmpty();
	}

	/** Counts the event in the customer's engagement hours when it is one of the engagement events. */
	void record(CustomerState state, Event event, ZoneId zone) {
		if (!engagementEvents.contains(event.type())) {
			return;
		}
		EngagementHours hours = EngagementHours.read(state.extension(EngagementHours.KEY));
		if (hours.record(event.at(), Instant.ofEpochMilli(event.at()).atZone(zone).getHour())) {
			state.putExtension(EngagementHours.KEY, hours.write());
		}
	}

	/** When the send should go: {@code action.at()} itself when it has no best hour, is in it, or would wait too long. */
	long sendAt(CustomerState state, ActionRecord action, ZoneId zone) {
		String channel = action.channel() == null ? "" : action.channel().toLowerCase(Locale.ROOT);
		Action.BestHour bestHour = bySend.get(key(action.campaign(), action.rule(), channel, action.target()));
		long at = action.at();
		if (bestHour == null) {
			return at;
		}
		int hour = EngagementHours.read(state.extension(EngagementHours.KEY)).bestHour();
		ZonedDateTime local = Instant.ofEpochMilli(at).atZone(zone);
		if (hour >= 0 && local.getHour() == hour) {
			return at;
		}
		int minute = hour >= 0 ? hour * 60 : bestHour.fallbackMinute();
		if (minute < 0) {
			return at;
		}
		ZonedDateTime next = ZonedDateTime.of(local.toLocalDate(), LocalTime.of(minute / 60, minute % 60), zone);
		if (next.toInstant().toEpochMilli() < at) {
			next = ZonedDateTime.of(local.toLocalDate().plusDays(1), LocalTime.of(minute / 60, minute % 60), zone);
		}
		long sendAt = next.toInstant().toEpochMilli();
		return sendAt - at > bestHour.withinMillis() ? at : sendAt;
	}

	private static String key(String campaign, String rule, String channel, String template) {
		return campaign + '\0' + rule + '\0' + channel + '\0' + template;
	}
}
