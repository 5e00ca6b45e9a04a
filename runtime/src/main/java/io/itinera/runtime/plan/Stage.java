package io.itinera.runtime.plan;

import java.util.List;

/** A node of the journey. {@code phase} is null when the journey leaves it out. */
public record Stage(String name, Phase phase, List<Transition> transitions, SourceLocation location) {
	public Stage {
		transitions = List.copyOf(transitions);
	}

	/** A stage with no transitions ends the journey for whoever reaches it. */
	public boolean terminal() {
		return transitions.isEmpty();
	}
}
