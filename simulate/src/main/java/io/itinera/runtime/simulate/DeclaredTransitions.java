package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import java.util.List;

/** A journey's transitions as the report lists them (labels and conditions), before any customer is counted. */
public final class DeclaredTransitions {
	private DeclaredTransitions() {
	}

	public static List<TransitionFigures> of(JourneyPlan plan) {
		return new JourneyFigures(plan).transitionFigures();
	}
}
