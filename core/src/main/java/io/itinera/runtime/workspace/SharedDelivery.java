package io.itinera.runtime.workspace;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.QuietHours;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.DeliveryPolicy;
import io.itinera.runtime.step.HeldMessages;
import io.itinera.runtime.step.SendLog;
import io.itinera.runtime.step.TimerRequest;
import java.time.ZoneId;
import java.util.List;

/**
 * A workspace's caps and quiet hours, applied once across its journeys to the sends they decided,
 * in priority order. One send log per customer counts every journey's sends; a message that finds a
 * cap full because a higher-priority journey took the slot in this same step has lost to it, and is
 * dropped or held as its journey says; a message in quiet hours is held once for all journeys and
 * released by one timer. State lives in the composite customer state's extensions.
 */
final class SharedDelivery {
	static final String SENT_KEY = "itinera.workspace.sent";
	static final String HELD_KEY = "itinera.workspace.held";
	/** Timer ids: {@code workspace:quiet:JOURNEY:ACTION-ID} and {@code workspace:conflict:JOURNEY:ACTION-ID}. */
	static final String TIMER_PREFIX = "workspace:";
	private static final String QUIET = TIMER_PREFIX + "quiet:";
	private static final String CONFLICT = TIMER_PREFIX + "conflict:";

	/** What became of a send: delivered now, or a notice (and a timer when held). */
	record Decision(boolean deliver, DeliveryNotice notice, TimerRequest timer) {
		static final Decision DELIVER = new Decision(true, null, null);
	}

	/** A send of the current step that took a slot of the shared caps: whom a later one lost to. */
	record Taken(String journey, String rule, int channel) {
	}

	/** A held message whose timer fired. */
	record Held(String journey, ActionRecord action, boolean afterConflict) {
	}

	private final Cap[] caps;
	private final QuietHours quietHours;
	private final long longestPeriod;

	SharedDelivery(WorkspaceSettings settings) {
		this.caps = settings.caps().toArray(Cap[]::new);
		this.quietHours = settings.quietHours();
		long longest = 0;
		for (Cap cap : caps) {
			longest = Math.max(longest, cap.periodMillis());
		}
		this.longestPeriod = longest;
	}

	/**
	 * Decides a send of journey {@code journeyIndex} ({@code action} as the workspace writes it) and
	 * records it. {@code taken}: the sends this step already let through, in priority order.
	 */
	Decision offer(CustomerState state, ActionRecord action, int journeyIndex, boolean holdOnConflict, ZoneId zone,
			List<Taken> taken) {
		long at = action.at();
		int channel = DeliveryPolicy.channelIndex(action.channel());
		SendLog log = null;
		if (longestPeriod > 0) {
			log = SendLog.read(state.extension(SENT_KEY));
			log.pruneUpTo(at - longestPeriod);
			for (Cap cap : caps) {
				int capChannel = cap.channel() == null ? -1 : cap.channel().ordinal();
				if (capChannel >= 0 && capChannel != channel) {
					continue;
				}
				int count = log.count(-1, capChannel, at - cap.periodMillis());
				if (count < cap.limit()) {
					continue;
				}
				state.putExtension(SENT_KEY, log.isEmpty() ? null : log.write());
				return capReached(state, action, cap, capChannel, count, log, holdOnConflict, taken);
			}
		}
		long releaseAt = quietHours == null ? at : DeliveryPolicy.endOfQuietHours(quietHours, zone, at);
		if (log != null) {
			log.add(journeyIndex, channel, releaseAt); // a held message counts from its release
			state.putExtension(SENT_KEY, log.write());
		}
		taken.add(new Taken(action.journey(), action.rule(), channel));
		if (releaseAt == at) {
			return Decision.DELIVER;
		}
		String timerId = QUIET + action.journey() + ":" + action.id();
		hold(state, timerId, releaseAt, action);
		return new Decision(false, DeliveryNotice.of(action, at, DeliveryOutcome.HELD_BY_QUIET_HOURS, releaseAt),
				new TimerRequest(action.customerId(), timerId, releaseAt));
	}

	/** A full cap: lost to a message of this step if one took a slot it counts, else simply capped. */
	private Decision capReached(CustomerState state, ActionRecord action, Cap cap, int capChannel, int count, SendLog log,
			boolean holdOnConflict, List<Taken> taken) {
		String capText = "workspace " + cap.describe();
		Taken winner = null;
		for (Taken slot : taken) {
			if (capChannel < 0 || slot.channel() == capChannel) {
				winner = slot; // the last one to take a slot filled the cap
			}
		}
		long at = action.at();
		if (winner == null) {
			return new Decision(false, DeliveryNotice.of(action, at, DeliveryOutcome.SUPPRESSED_BY_CAP, 0).becauseOf(capText, count),
					null);
		}
		if (!holdOnConflict) {
			return new Decision(false, DeliveryNotice.of(action, at, DeliveryOutcome.LOST_TO_PRIORITY, 0).becauseOf(capText, count)
					.lostTo(winner.journey(), winner.rule()), null);
		}
		long frees = log.earliest(capChannel, at - cap.periodMillis());
		long releaseAt = frees == Long.MAX_VALUE ? at + 1 : Math.max(at + 1, frees + cap.periodMillis());
		String timerId = CONFLICT + action.journey() + ":" + action.id();
		hold(state, timerId, releaseAt, action);
		return new Decision(false, DeliveryNotice.of(action, at, DeliveryOutcome.HELD_BY_PRIORITY, releaseAt)
				.becauseOf(capText, count).lostTo(winner.journey(), winner.rule()),
				new TimerRequest(action.customerId(), timerId, releaseAt));
	}

	private static void hold(CustomerState state, String timerId, long releaseAt, ActionRecord action) {
		HeldMessages held = HeldMessages.read(state.extension(HELD_KEY));
		held.add(new HeldMessages.Held(timerId, releaseAt, action));
		state.putExtension(HELD_KEY, held.write());
	}

	static boolean isWorkspaceTimer(String timerId) {
		return timerId.startsWith(TIMER_PREFIX);
	}

	/** Takes the message held under {@code timerId} out of the state; null when none is (fired before). */
	Held take(CustomerState state, String timerId) {
		HeldMessages held = HeldMessages.read(state.extension(HELD_KEY));
		HeldMessages.Held message = held.take(timerId);
		if (message == null) {
			return null;
		}
		state.putExtension(HELD_KEY, held.isEmpty() ? null : held.write());
		boolean afterConflict = timerId.startsWith(CONFLICT);
		String rest = timerId.substring(afterConflict ? CONFLICT.length() : QUIET.length());
		String journey = rest.substring(0, rest.indexOf(':'));
		ActionRecord a = message.action(); // the held form keeps no journey: it is in the timer id
		return new Held(journey, new ActionRecord(a.id(), a.customerId(), a.at(), a.campaign(), a.rule(), a.kind(), a.channel(),
				a.target(), a.params(), a.scores(), journey, a.version()), afterConflict);
	}
}
