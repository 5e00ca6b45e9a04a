package io.itinera.report;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.simulate.DeclaredTransitions;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The journey graph as the simulation report draws it, with the customers in each stage now (a live
 * server's status page): each box says how many are in it; the edges are the declared transitions,
 * labelled with what drives them (a live server does not count who took each).
 */
public final class LiveJourneyGraph {
	private LiveJourneyGraph() {
	}

	/** @param customersNow customers per stage name (stages missing count 0) */
	public static String svg(JourneyPlan plan, Map<String, Long> customersNow) {
		List<StageFigures> stages = new ArrayList<>();
		for (Stage stage : plan.stages()) {
			long now = customersNow.getOrDefault(stage.name(), 0L);
			stages.add(new StageFigures(stage.name(), stage.phase(), -1, -1, -1, now, stage.terminal()));
		}
		List<TransitionFigures> transitions = new ArrayList<>();
		for (TransitionFigures t : DeclaredTransitions.of(plan)) {
			transitions.add(new TransitionFigures(t.from(), t.to(), t.label(), t.condition(), -1, -1, 0, t.declared())); // not counted live
		}
		return JourneyGraphSvg.render(stages, transitions);
	}
}
