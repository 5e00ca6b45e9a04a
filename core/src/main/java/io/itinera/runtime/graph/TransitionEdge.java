package io.itinera.runtime.graph;

import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.plan.TransitionLabels;

/**
 * An edge of the journey graph: one declared transition. Identity equality on purpose, so two
 * identical transitions stay two edges of the multigraph.
 */
public final class TransitionEdge {
	private final String from;
	private final Transition transition;

	TransitionEdge(String from, Transition transition) {
		this.from = from;
		this.transition = transition;
	}

	public String from() {
		return from;
	}

	public String to() {
		return transition.target();
	}

	public Transition transition() {
		return transition;
	}

	public boolean isTimer() {
		return transition instanceof Transition.AfterDelay;
	}

	/** How the journey says it: "cart_add", "cart_add if cartValue > 100", "after 3 days", "when intent > 0.6". */
	public String label() {
		if (transition instanceof Transition.OnEvent onEvent) {
			return onEvent.condition() == null ? onEvent.event() : onEvent.event() + " if " + ExprText.of(onEvent.condition());
		}
		if (transition instanceof Transition.AfterDelay timer) {
			return "after " + ExprText.duration(timer.delayMillis());
		}
		if (transition instanceof Transition.OnSegment onSegment) {
			return TransitionLabels.of(onSegment);
		}
		Transition.WhenScore when = (Transition.WhenScore) transition;
		String label = "when " + ExprText.of(when.condition());
		if (when.hysteresis() != null) {
			label += " (leave " + when.hysteresis().direction().name().toLowerCase() + " " + when.hysteresis().threshold() + ")";
		}
		return label;
	}

	@Override
	public String toString() {
		return from + " -[" + label() + "]-> " + to();
	}
}
