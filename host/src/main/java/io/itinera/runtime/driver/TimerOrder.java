package io.itinera.runtime.driver;

import io.itinera.runtime.step.TimerRequest;
import java.util.Comparator;

/**
 * The one order in which a customer's due timers fire: earliest due first; timers due at the same
 * instant in the order of their ids. It depends on the pending timers alone, never on when or how
 * they were set, so a slot read back from its bytes, a migration that cancels and sets timers again,
 * a live timer heap and a journey test all fire the same timers in the same order (DESIGN.md, "The
 * step driver").
 */
public final class TimerOrder {
	/** Pending timers (of one customer) in firing order. */
	public static final Comparator<TimerRequest> FIRING = (a, b) -> firesBefore(a.dueAt(), a.timerId(), b.dueAt(), b.timerId()) ? -1
			: firesBefore(b.dueAt(), b.timerId(), a.dueAt(), a.timerId()) ? 1 : 0;

	private TimerOrder() {
	}

	/** Whether timer {@code a} fires before timer {@code b} of the same customer. */
	public static boolean firesBefore(long dueA, String idA, long dueB, String idB) {
		return dueA != dueB ? dueA < dueB : idA.compareTo(idB) < 0;
	}
}
