package io.itinera.runtime.simulate;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to the messages of one journey, per channel: sent (a held message counts when it
 * is released), held by quiet hours, and not sent, by reason; and how many messages each customer
 * got per week (UTC weeks from Monday).
 */
final class DeliveryFigures {
	/** The weekly histogram's last bin holds this many messages a week or more. */
	static final int WEEK_TOP = 15;
	static final String CAP = "cap";
	static final String HOLDOUT = "holdout";
	static final String LEFT_STAGE = "left the stage";
	static final String LOST_TO_PRIORITY = "lost to another journey";
	private static final long DAY_MILLIS = 86_400_000L;
	private static final long WEEK_MILLIS = 7 * DAY_MILLIS;
	/** 1970-01-01 was a Thursday: weeks start on the Monday four days later. */
	private static final long FIRST_MONDAY = 4 * DAY_MILLIS;

	private final String journey;
	/** By journey and channel (a workspace's figures span its journeys: each message names its own). */
	private final Map<String, Tally> channels = new TreeMap<>();
	private final long[] weekHistogram = new long[WEEK_TOP + 1];

	DeliveryFigures(String journey) {
		this.journey = journey;
	}

	private static final class Tally {
		String journey;
		String channel;
		long sent;
		long held;
		final Map<String, Long> notSent = new LinkedHashMap<>();
	}

	void sent(CustomerTrack track, ActionRecord action) {
		if (!"send".equals(action.kind())) {
			return;
		}
		tally(action.journey(), action.channel()).sent++;
		long week = weekOf(action.at());
		if (week != track.messageWeek) {
			closeWeek(track);
			track.messageWeek = week;
		}
		track.messagesThatWeek++;
	}

	void notice(DeliveryNotice notice) {
		String reason = switch (notice.outcome()) {
			case SUPPRESSED_BY_CAP -> CAP;
			case SUPPRESSED_HOLDOUT -> HOLDOUT;
			case DROPPED_STAGE_LEFT -> LEFT_STAGE;
			case LOST_TO_PRIORITY -> LOST_TO_PRIORITY;
			case NOT_SUBSCRIBED -> notSubscribed(notice);
			default -> null;
		};
		Tally tally = tally(notice.journey(), notice.channel());
		if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS || notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY) {
			tally.held++;
		} else if (reason != null) {
			tally.notSent.merge(reason, 1L, Long::sum);
		}
	}

	/** Sends withheld by consent are counted per topic: {@code not subscribed (promotions)}. */
	static String notSubscribed(DeliveryNotice notice) {
		return notice.notSubscribed() == null ? "not subscribed" : "not subscribed (" + notice.notSubscribed().topic() + ")";
	}

	/** The end of the replay for one customer: their last week goes into the histogram. */
	void closeWeek(CustomerTrack track) {
		if (track.messagesThatWeek > 0) {
			weekHistogram[Math.min(track.messagesThatWeek, WEEK_TOP)]++;
		}
		track.messagesThatWeek = 0;
	}

	List<SimulationReport.ChannelFigures> channels() {
		List<SimulationReport.ChannelFigures> result = new ArrayList<>();
		channels.forEach((key, tally) -> {
			long notSent = tally.notSent.values().stream().mapToLong(Long::longValue).sum();
			result.add(new SimulationReport.ChannelFigures(tally.journey, tally.channel, tally.sent, tally.held, notSent,
					Map.copyOf(tally.notSent)));
		});
		return result;
	}

	List<SimulationReport.WeekBin> weeks() {
		List<SimulationReport.WeekBin> result = new ArrayList<>();
		for (int messages = 1; messages <= WEEK_TOP; messages++) {
			result.add(new SimulationReport.WeekBin(messages, messages == WEEK_TOP, weekHistogram[messages]));
		}
		return result;
	}

	static long weekOf(long at) {
		return Math.floorDiv(at - FIRST_MONDAY, WEEK_MILLIS);
	}

	private Tally tally(String messageJourney, String channel) {
		String journeyName = messageJourney != null ? messageJourney : journey;
		String channelName = channel == null ? "(none)" : channel;
		return channels.computeIfAbsent(journeyName + '\0' + channelName, key -> {
			Tally tally = new Tally();
			tally.journey = journeyName;
			tally.channel = channelName;
			return tally;
		});
	}
}
