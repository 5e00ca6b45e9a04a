package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.plan.Entry;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.step.StageChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The funnel follows the journey's declared phases, in their order, and leaves stages without a phase out. */
class PhaseFunnelTest {
	static final SourceLocation AT = new SourceLocation("f.journey", 1, 1);

	@Test
	void theFunnelFollowsTheDeclaredPhases() {
		JourneyPlan plan = new JourneyPlan(JourneyPlan.FORMAT_VERSION, "Lapse", null, AT, new Entry("order", null, "First", AT),
				Reentry.never(AT), List.of(), null, List.of(), List.of(new EventType("order", List.of(), AT)), List.of(), List.of(),
				List.of(new Stage("First", "new", List.of(new Transition.AfterDelay(1, "Lapsing", AT)), AT),
						new Stage("Lapsing", "lapsing", List.of(new Transition.AfterDelay(1, "Limbo", AT)), AT),
						new Stage("Limbo", (String) null, List.of(), AT)),
				List.of(), List.of(), List.of(), List.of("lapsing", "new", "lost"));
		JourneyFigures figures = new JourneyFigures(plan);
		CustomerTrack a = new CustomerTrack("a", 0);
		CustomerTrack b = new CustomerTrack("b", 0);
		for (CustomerTrack track : List.of(a, b)) {
			figures.visitStarted(track, 0);
			figures.stageChange(track, new StageChange(track.customerId, 0, null, "First", "entry:order"));
		}
		figures.stageChange(a, new StageChange("a", 1, "First", "Lapsing", "timer"));
		figures.stageChange(a, new StageChange("a", 2, "Lapsing", "Limbo", "timer"));

		SimulationReport report = figures.report(List.of(a, b), new SimulationReport.Window(null, null, null),
				new SimulationReport.Input(0, 0, 0, 0, 2, 0, 0, 0));
		assertEquals(List.of(new SimulationReport.PhaseFigures("lapsing", 1, 0.5), new SimulationReport.PhaseFigures("new", 2, 1.0),
				new SimulationReport.PhaseFigures("lost", 0, 0.0)), report.funnel());
		assertEquals(null, report.stages().get(2).phase());
	}
}
