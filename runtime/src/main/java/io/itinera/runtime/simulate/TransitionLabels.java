package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.Transition;

/** Short human labels for transitions, as the report's graph shows them. */
final class TransitionLabels {
	private TransitionLabels() {
	}

	static String of(Transition transition) {
		if (transition instanceof Transition.OnEvent onEvent) {
			return "on " + onEvent.event() + (onEvent.condition() == null ? "" : " if …");
		}
		if (transition instanceof Transition.AfterDelay after) {
			return "after " + duration(after.delayMillis());
		}
		return "when score";
	}

	/** The transition as written, condition included, for a tooltip. */
	static String full(Transition transition) {
		if (transition instanceof Transition.OnEvent onEvent) {
			return "on " + onEvent.event() + (onEvent.condition() == null ? "" : " if " + ExprText.of(onEvent.condition()));
		}
		if (transition instanceof Transition.WhenScore when) {
			return "when " + ExprText.of(when.condition());
		}
		return of(transition);
	}

	static String duration(long millis) {
		long minutes = millis / 60_000;
		if (minutes > 0 && minutes % (60 * 24) == 0) {
			return minutes / (60 * 24) + "d";
		}
		if (minutes > 0 && minutes % 60 == 0) {
			return minutes / 60 + "h";
		}
		if (millis % 60_000 == 0) {
			return minutes + "m";
		}
		return millis / 1000 + "s";
	}
}
