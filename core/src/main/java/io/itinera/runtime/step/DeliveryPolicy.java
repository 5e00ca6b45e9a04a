package io.itinera.runtime.step;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.QuietHours;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Frequency caps and quiet hours, applied by the step function to every message a rule decides,
 * so no rule has to remember them. Only sends are messages; tags, untags and webhooks pass.
 * Caps are checked first (a capped message is not sent, nor held); a message in quiet hours
 * (in the customer's {@code timezone} attribute, else the default zone) is held and released by
 * a timer when they end, and counts against the caps from its release time. State lives in the
 * customer's state (extensions), so it survives restarts and replays alike. A send {@code at best hour} first
 * waits for the customer's most engaged hour ({@link BestHourTiming}); quiet hours then apply to that time.
 */
public final class DeliveryPolicy {
	public static final String HOLD_TIMER_PREFIX = "hold:";
	static final String SENT_KEY = "itinera.sent";
	static final String HELD_KEY = "itinera.held";
	private static final String TIMEZONE_ATTRIBUTE = "timezone";

	/**
	 * What to do with a message now. {@code cap} is set when suppressed (described as {@code capText},
	 * having counted {@code capCount} sends), {@code releaseAt} and {@code timerId} when held.
	 */
	public record Verdict(DeliveryOutcome outcome, Cap cap, String capText, int capCount, long releaseAt, String timerId) {
		static final Verdict DELIVER = new Verdict(null, null, null, 0, 0, null);

		public boolean deliver() {
			return outcome == null;
		}
	}

	/** A held message whose timer fired: sent ({@code outcome} RELEASED) or dropped. */
	public record Release(ActionRecord action, DeliveryOutcome outcome) {
	}

	private final Map<String, Integer> campaignIndex = new HashMap<>();
	private final String[] campaignNames;
	private final Cap[][] caps;
	private final QuietHours[] quietHours;
	private final List<String>[] stages;
	private final Cap[] globalCaps;
	private final long longestPeriod;
	private final ZoneId defaultZone;
	private final int timezoneAttribute;
	private final boolean active;
	private final BestHourTiming bestHour;

	@SuppressWarnings("unchecked")
	public DeliveryPolicy(JourneyPlan plan, DeliverySettings settings) {
		List<Campaign> campaigns = plan.campaigns();
		caps = new Cap[campaigns.size()][];
		campaignNames = new String[campaigns.size()];
		quietHours = new QuietHours[campaigns.size()];
		stages = new List[campaigns.size()];
		long longest = 0;
		for (int c = 0; c < campaigns.size(); c++) {
			Campaign campaign = campaigns.get(c);
			campaignIndex.put(campaign.name(), c);
			campaignNames[c] = campaign.name();
			caps[c] = campaign.caps().toArray(Cap[]::new);
			quietHours[c] = campaign.quietHours();
			stages[c] = campaign.stages();
			for (Cap cap : caps[c]) {
				longest = Math.max(longest, cap.periodMillis());
			}
		}
		globalCaps = settings.globalCaps().toArray(Cap[]::new);
		for (Cap cap : globalCaps) {
			longest = Math.max(longest, cap.periodMillis());
		}
		longestPeriod = longest;
		defaultZone = settings.defaultZone();
		int timezone = -1;
		for (int a = 0; a < plan.attributes().size(); a++) {
			if (plan.attributes().get(a).name().equals(TIMEZONE_ATTRIBUTE)) {
				timezone = a;
			}
		}
		timezoneAttribute = timezone;
		boolean anyQuiet = false;
		for (QuietHours quiet : quietHours) {
			anyQuiet |= quiet != null;
		}
		bestHour = new BestHourTiming(plan);
		active = longest > 0 || anyQuiet || !bestHour.isEmpty();
	}

	/** Counts an engagement event for the customer's best hour ({@code send … at best hour}); nothing for other events. */
	public void recordEngagement(CustomerState state, Event event) {
		if (!bestHour.isEmpty()) {
			bestHour.record(state, event, zoneOf(state));
		}
	}

	/** Decides a message's fate and records it in the customer's state (a send, or a held message). */
	public Verdict offer(CustomerState state, ActionRecord action) {
		if (!active || !"send".equals(action.kind())) {
			return Verdict.DELIVER;
		}
		long at = action.at();
		int campaign = campaignIndex.getOrDefault(action.campaign(), -1);
		int channel = channelIndex(action.channel());
		SendLog log = longestPeriod > 0 ? SendLog.read(state.extension(SENT_KEY)) : null;
		if (log != null) {
			log.pruneUpTo(at - longestPeriod);
			Verdict capped = reachedCap(log, campaign, channel, at);
			if (capped != null) {
				state.putExtension(SENT_KEY, log.isEmpty() ? null : log.write());
				return capped;
			}
		}
		QuietHours quiet = campaign >= 0 ? quietHours[campaign] : null;
		long sendAt = bestHour.isEmpty() ? at : bestHour.sendAt(state, action, zoneOf(state));
		long releaseAt = quiet == null ? sendAt : endOfQuietHours(quiet, zoneOf(state), sendAt);
		if (log != null) {
			log.add(campaign < 0 ? 0xFFFF : campaign, channel, releaseAt); // a raw rule naming no campaign counts for global caps only
			state.putExtension(SENT_KEY, log.write());
		}
		if (releaseAt == at) {
			return Verdict.DELIVER;
		}
		String timerId = HOLD_TIMER_PREFIX + action.id();
		HeldMessages held = HeldMessages.read(state.extension(HELD_KEY));
		held.add(new HeldMessages.Held(timerId, releaseAt, action));
		state.putExtension(HELD_KEY, held.write());
		DeliveryOutcome why = releaseAt == sendAt ? DeliveryOutcome.HELD_FOR_BEST_HOUR : DeliveryOutcome.HELD_BY_QUIET_HOURS;
		return new Verdict(why, null, null, 0, releaseAt, timerId);
	}

	public static boolean isHoldTimer(String timerId) {
		return timerId.startsWith(HOLD_TIMER_PREFIX);
	}

	/**
	 * The held message of a fired hold timer, to send if the customer is still in one of its
	 * campaign's stages ({@code stage} null when out of the journey); null for an unknown timer.
	 */
	public Release release(CustomerState state, String timerId, long at, String stage) {
		HeldMessages held = HeldMessages.read(state.extension(HELD_KEY));
		HeldMessages.Held message = held.take(timerId);
		if (message == null) {
			return null;
		}
		state.putExtension(HELD_KEY, held.isEmpty() ? null : held.write());
		ActionRecord original = message.action();
		ActionRecord released = new ActionRecord(original.id(), original.customerId(), at, original.campaign(), original.rule(),
				original.kind(), original.channel(), original.target(), original.params(), original.scores());
		return new Release(released, campaignActsIn(original.campaign(), stage) ? DeliveryOutcome.RELEASED
				: DeliveryOutcome.DROPPED_STAGE_LEFT);
	}

	/** Whether a message of {@code campaign} may still go to a customer in {@code stage} (null: out of the journey). */
	boolean campaignActsIn(String campaign, String stage) {
		Integer index = campaignIndex.get(campaign);
		return stage != null && (index == null || stages[index].contains(stage));
	}

	private Verdict reachedCap(SendLog log, int campaign, int channel, long at) {
		if (campaign >= 0) {
			for (Cap cap : caps[campaign]) {
				if (cap.channel() != null && channelIndex(cap.channel()) != channel) {
					continue;
				}
				int sameChannel = cap.channel() == null ? -1 : channel;
				int count = log.count(campaign, sameChannel, at - cap.periodMillis());
				if (count >= cap.limit()) {
					return suppressed(cap, "campaign " + campaignNames[campaign] + " " + cap.describe(), count);
				}
			}
		}
		for (Cap cap : globalCaps) {
			if (cap.channel() != null && channelIndex(cap.channel()) != channel) {
				continue;
			}
			int sameChannel = cap.channel() == null ? -1 : channel;
			int count = log.count(-1, sameChannel, at - cap.periodMillis());
			if (count >= cap.limit()) {
				return suppressed(cap, "global " + cap.describe(), count);
			}
		}
		return null;
	}

	private static Verdict suppressed(Cap cap, String text, int count) {
		return new Verdict(DeliveryOutcome.SUPPRESSED_BY_CAP, cap, text, count, 0, null);
	}

	/** The customer's time zone: their {@code timezone} attribute, else the default zone (quiet hours and broadcasts). */
	ZoneId zoneOf(CustomerState state) {
		if (timezoneAttribute >= 0 && state.attribute(timezoneAttribute) instanceof String zone && !zone.isBlank()) {
			try {
				return ZoneId.of(zone.trim());
			} catch (DateTimeException e) {
				return defaultZone; // an unknown zone name falls back rather than losing the message
			}
		}
		return defaultZone;
	}

	/** {@code at} itself when outside the quiet hours, else the instant they end. */
	public static long endOfQuietHours(QuietHours quiet, ZoneId zone, long at) {
		int start = quiet.startMinute();
		int end = quiet.endMinute();
		if (start == end) {
			return at;
		}
		ZonedDateTime local = Instant.ofEpochMilli(at).atZone(zone);
		int minute = local.getHour() * 60 + local.getMinute();
		boolean wraps = start > end;
		boolean quietNow = wraps ? minute >= start || minute < end : minute >= start && minute < end;
		if (!quietNow) {
			return at;
		}
		java.time.LocalDate day = local.toLocalDate();
		if (wraps && minute >= start) {
			day = day.plusDays(1);
		}
		return ZonedDateTime.of(day, LocalTime.of(end / 60, end % 60), zone).toInstant().toEpochMilli();
	}

	/** A channel's index in send logs; -1 for none. */
	public static int channelIndex(String channel) {
		return channel == null ? -1 : Channel.valueOf(channel.toUpperCase(Locale.ROOT)).ordinal();
	}

	private static int channelIndex(Channel channel) {
		return channel.ordinal();
	}
}
