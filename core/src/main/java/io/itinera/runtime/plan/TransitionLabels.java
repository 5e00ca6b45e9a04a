package io.itinera.runtime.plan;

/** Short human labels for transitions, as the report's graph shows them. */
public final class TransitionLabels {
	private TransitionLabels() {
	}

	public static String of(Transition transition) {
		if (transition instanceof Transition.OnEvent onEvent) {
			return "on " + onEvent.event() + (onEvent.condition() == null ? "" : " if …");
		}
		if (transition instanceof Transition.AfterDelay after) {
			return "after " + ExprText.duration(after.delayMillis());
		}
		if (transition instanceof Transition.OnSegment onSegment) {
			return "on " + (onSegment.leaving() ? "leaving" : "entering") + " segment " + onSegment.segment();
		}
		return "when score";
	}

	/** The transition as written, condition included, for a tooltip. */
	public static String full(Transition transition) {
		if (transition instanceof Transition.OnEvent onEvent) {
			return "on " + onEvent.event() + (onEvent.condition() == null ? "" : " if " + ExprText.of(onEvent.condition()));
		}
		if (transition instanceof Transition.WhenScore when) {
			return "when " + ExprText.of(when.condition());
		}
		return of(transition);
	}
}
