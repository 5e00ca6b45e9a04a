package io.itinera.runtime.plan;

import java.util.List;

/**
 * A node of the journey. {@code phase} is one of the journey's phases ({@link JourneyPlan#phases()}),
 * or null when the stage has none (it then stays out of the phase funnel).
 */
public record Stage(String name, String phase, List<Transition> transitions, SourceLocation location) {
	public Stage {
		transitions = List.copyOf(transitions);
		phase = Phase.normalise(phase);
	}

	/** A stage in one of the default phases. */
	public Stage(String name, Phase phase, List<Transition> transitions, SourceLocation location) {
		this(name, phase == null ? null : phase.label(), transitions, location);
	}

	/** A stage with no transitions ends the journey for whoever reaches it. */
	public boolean terminal() {
		return transitions.isEmpty();
	}
}
