package io.itinera.runtime.step;

import io.itinera.runtime.expr.CompiledExpr;
import io.itinera.runtime.expr.ExprCompiler;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Broadcast;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.Decision;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A journey's broadcasts, compiled: per customer one timer {@code broadcast:NAME@TIME} for the next
 * scheduled instant in the customer's local time. It is set the first time the step sees the
 * customer, kept across stage changes, and set again for the next occurrence each time it fires.
 */
final class Broadcasts {
	static final String TIMER_PREFIX = "broadcast:";
	/** The rule name a broadcast's sends carry; their campaign is the broadcast's name. */
	static final String RULE = "broadcast";

	record Compiled(Broadcast broadcast, CompiledExpr audience, List<CompiledExpr> params, String timerPrefix) {
	}

	private final Compiled[] broadcasts;

	Broadcasts(JourneyPlan plan, ExprCompiler compiler) {
		broadcasts = plan.broadcasts().stream().map(b -> compile(plan, b, compiler)).toArray(Compiled[]::new);
	}

	private static Compiled compile(JourneyPlan plan, Broadcast broadcast, ExprCompiler compiler) {
		io.itinera.runtime.plan.Segment segment = plan.segment(broadcast.segment());
		if (segment == null) {
			throw new IllegalArgumentException("broadcast " + broadcast.name() + " names a segment the plan does not declare: "
					+ broadcast.segment() + "; recompile the journey");
		}
		List<CompiledExpr> params = broadcast.send().params().stream().map(p -> compiler.compile(p.value())).toList();
		return new Compiled(broadcast, compiler.compile(segment.condition()), params, TIMER_PREFIX + broadcast.name() + "@");
	}

	static boolean isTimer(String timerId) {
		return timerId.startsWith(TIMER_PREFIX);
	}

	/** Sets, for each broadcast without one pending, the timer for its next occurrence after {@code at}. */
	void schedule(CustomerState state, long at, ZoneId zone, StepOutcome outcome) {
		for (Compiled compiled : broadcasts) {
			if (pending(state, compiled) == null) {
				setNext(state, compiled, at, zone, outcome);
			}
		}
	}

	/** The broadcast a fired timer belongs to, if still pending (it is then no longer); null for a stale or unknown one. */
	Compiled fired(CustomerState state, String timerId) {
		if (!state.pendingTimers.remove(timerId)) {
			return null;
		}
		for (Compiled compiled : broadcasts) {
			if (timerId.startsWith(compiled.timerPrefix())) {
				return compiled;
			}
		}
		return null;
	}

	void setNext(CustomerState state, Compiled compiled, long after, ZoneId zone, StepOutcome outcome) {
		long due = nextOccurrence(compiled.broadcast(), after, zone);
		String timerId = compiled.timerPrefix() + due;
		state.pendingTimers.add(timerId);
		outcome.setTimer(new TimerRequest(state.customerId(), timerId, due));
	}

	/** The send of a broadcast whose customer is in its segment at {@code at}: parameters computed for them now. */
	static ActionRecord send(Compiled compiled, CustomerState state, StepMoment moment, long at, String timerId) {
		Action.Send send = compiled.broadcast().send();
		Map<String, String> params = new LinkedHashMap<>();
		for (int p = 0; p < compiled.params().size(); p++) {
			params.put(send.params().get(p).name(), Decision.render(compiled.params().get(p).value(moment)));
		}
		String channel = send.channel().name().toLowerCase(Locale.ROOT);
		String id = ActionIds.of(state.customerId(), at, timerId, 0, state.stage(), compiled.broadcast().name(), RULE, 0);
		return new ActionRecord(id, state.customerId(), at, compiled.broadcast().name(), RULE, "send", channel, send.template(),
				params, Map.of());
	}

	/** The first scheduled local instant strictly after {@code after}, in {@code zone}. */
	static long nextOccurrence(Broadcast broadcast, long after, ZoneId zone) {
		ZonedDateTime now = Instant.ofEpochMilli(after).atZone(zone);
		LocalTime time = LocalTime.of(broadcast.minuteOfDay() / 60, broadcast.minuteOfDay() % 60);
		LocalDate day = now.toLocalDate();
		if (broadcast.weekday() != 0) {
			day = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(broadcast.weekday())));
		}
		ZonedDateTime next = ZonedDateTime.of(day, time, zone);
		if (!next.isAfter(now)) {
			next = ZonedDateTime.of(day.plusDays(broadcast.weekday() == 0 ? 1 : 7), time, zone);
		}
		return next.toInstant().toEpochMilli();
	}

	private static String pending(CustomerState state, Compiled compiled) {
		for (String timerId : state.pendingTimers) {
			if (timerId.startsWith(compiled.timerPrefix())) {
				return timerId;
			}
		}
		return null;
	}
}
