package io.itinera.runtime.simulate;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.simulate.LearningFigures.BestHourFigures;
import io.itinera.runtime.simulate.LearningFigures.HourSends;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.DeliveryPolicy;
import io.itinera.runtime.step.EngagementHours;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.WorkspaceState;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When one journey's messages went out, in each customer's local hour (their {@code timezone} attribute, else
 * the host's zone, as quiet hours and best hours use): per rule, and for each {@code send … at best hour} how
 * its sends were timed — by the customer's trusted hours, by the fallback, or at once — held, released (by
 * local hour) and dropped. A send is classed when the rule decides it, on the customer's engagement hours then
 * (the step counts the deciding event first).
 */
final class SendTimes {
	private static final String TIMEZONE = "timezone";

	private final String journey;
	private final int timezoneAttribute;
	private final Map<String, long[]> byRule = new LinkedHashMap<>();
	private final BestHourSends bestHourSends;
	/** Per best-hour send: the counts of {@link BestHourFigures}, in its order, then 24 release hours. */
	private final long[][] timing;
	private ZoneId hostZone = ZoneId.of("UTC");
	/** The zones customers' {@code timezone} attributes name (null: not a zone), read once each. */
	private final Map<String, ZoneId> zones = new HashMap<>();

	/** {@code journey}: the name results carry in a workspace, null for a journey alone. */
	SendTimes(JourneyPlan plan, String journey) {
		this.journey = journey;
		int timezone = -1;
		for (int a = 0; a < plan.attributes().size(); a++) {
			if (plan.attributes().get(a).name().equals(TIMEZONE)) {
				timezone = a;
			}
		}
		this.timezoneAttribute = timezone;
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				byRule.put(key(campaign.name(), rule.title()), new long[24]);
			}
		}
		this.bestHourSends = new BestHourSends(plan);
		this.timing = new long[bestHourSends.all().size()][COUNTS + 24];
	}

	void hostZone(ZoneId zone) {
		this.hostZone = zone;
	}

	private static final int DECIDED = 0;
	private static final int TRUSTED = 1;
	private static final int FALLBACK = 2;
	private static final int UNTRUSTED_AT_ONCE = 3;
	private static final int HELD_FOR_BEST_HOUR = 4;
	private static final int HELD_BY_QUIET_HOURS = 5;
	private static final int SENT_AT_ONCE = 6;
	private static final int RELEASED = 7;
	private static final int DROPPED = 8;
	private static final int COUNTS = 9;

	/** One step's messages and delivery notices of this journey. */
	void step(StepInput input, StepResult result) {
		if (result.actions().isEmpty() && result.deliveryNotices().isEmpty()) {
			return;
		}
		boolean holdTimer = input instanceof TimerFired timer && isHoldTimer(timer.timerId());
		for (ActionRecord action : result.actions()) {
			if (!ours(action.journey()) || !"send".equals(action.kind())) {
				continue;
			}
			CustomerState state = stateOf(result.state());
			int hour = localHour(state, action.at());
			byRule.computeIfAbsent(key(action.campaign(), action.rule()), k -> new long[24])[hour]++;
			BestHourSends.Send send = bestHourSends.of(action);
			if (send == null) {
				continue;
			}
			long[] counts = timing[send.index()];
			if (released(result, action.id())) {
				counts[RELEASED]++;
				counts[COUNTS + hour]++;
			} else {
				counts[SENT_AT_ONCE]++;
				decided(counts, send, state);
			}
		}
		for (DeliveryNotice notice : result.deliveryNotices()) {
			BestHourSends.Send send = ours(notice.journey())
					? bestHourSends.of(notice.campaign(), notice.rule(), notice.channel(), notice.target()) : null;
			if (send == null) {
				continue;
			}
			long[] counts = timing[send.index()];
			switch (notice.outcome()) {
				case RELEASED -> {
					// counted with the message it releases
				}
				case DROPPED_STAGE_LEFT -> counts[DROPPED]++;
				case NOT_SUBSCRIBED -> {
					if (!holdTimer) {
						decided(counts, send, stateOf(result.state()));
					}
				}
				default -> {
					if (notice.outcome() == DeliveryOutcome.HELD_FOR_BEST_HOUR) {
						counts[HELD_FOR_BEST_HOUR]++;
					} else if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS) {
						counts[HELD_BY_QUIET_HOURS]++;
					}
					decided(counts, send, stateOf(result.state()));
				}
			}
		}
	}

	/** Whether the step released the held message {@code actionId} (a RELEASED notice beside it). */
	private static boolean released(StepResult result, String actionId) {
		for (DeliveryNotice notice : result.deliveryNotices()) {
			if (notice.outcome() == DeliveryOutcome.RELEASED && notice.actionId().equals(actionId)) {
				return true;
			}
		}
		return false;
	}

	private static void decided(long[] counts, BestHourSends.Send send, CustomerState state) {
		counts[DECIDED]++;
		boolean trusted = state != null && EngagementHours.read(state.extension(EngagementHours.KEY)).bestHour() >= 0;
		counts[trusted ? TRUSTED : send.fallbackMinute() >= 0 ? FALLBACK : UNTRUSTED_AT_ONCE]++;
	}

	/** A journey's hold timer ({@code hold:…}, {@code JOURNEY/hold:…} in a workspace). */
	private static boolean isHoldTimer(String timerId) {
		return DeliveryPolicy.isHoldTimer(timerId.substring(timerId.indexOf('/') + 1));
	}

	private boolean ours(String resultJourney) {
		return journey == null || journey.equals(resultJourney);
	}

	private CustomerState stateOf(CustomerState state) {
		return journey != null && state instanceof WorkspaceState workspace ? workspace.part(journey) : state;
	}

	/** The local hour of {@code at} in the customer's zone: their {@code timezone} attribute, else the host's. */
	private int localHour(CustomerState state, long at) {
		ZoneId zone = hostZone;
		if (timezoneAttribute >= 0 && state != null && state.attribute(timezoneAttribute) instanceof String id && !id.isBlank()) {
			zone = zones.computeIfAbsent(id, name -> {
				try {
					return ZoneId.of(name.trim());
				} catch (DateTimeException e) {
					return null; // an unknown zone name falls back to the host's, as the step does
				}
			});
			zone = zone == null ? hostZone : zone;
		}
		return Instant.ofEpochMilli(at).atZone(zone).getHour();
	}

	private static String key(String campaign, String rule) {
		return campaign + '\0' + rule;
	}

	/** The figures: rules that sent (in declaration order), and every best-hour send. */
	LearningFigures figures() {
		List<HourSends> hours = new ArrayList<>();
		for (Map.Entry<String, long[]> rule : byRule.entrySet()) {
			long sent = 0;
			for (long count : rule.getValue()) {
				sent += count;
			}
			if (sent > 0) {
				String[] names = rule.getKey().split("\0", -1);
				hours.add(new HourSends(names[0].equals("null") ? null : names[0], names[1], sent, rule.getValue().clone()));
			}
		}
		List<BestHourFigures> bestHour = new ArrayList<>();
		for (BestHourSends.Send send : bestHourSends.all()) {
			long[] c = timing[send.index()];
			bestHour.add(new BestHourFigures(send.campaign(), send.rule(), send.channel(), send.template(), send.fallbackTime(),
					c[DECIDED], c[TRUSTED], c[FALLBACK], c[UNTRUSTED_AT_ONCE], c[HELD_FOR_BEST_HOUR], c[HELD_BY_QUIET_HOURS],
					c[SENT_AT_ONCE], c[RELEASED], c[DROPPED], java.util.Arrays.copyOfRange(c, COUNTS, COUNTS + 24)));
		}
		return new LearningFigures(hostZone.getId(), hours, bestHour, null, List.of(), List.of());
	}
}
