package io.itinera.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.runtime.plan.Exit;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.plan.TransitionLabels;
import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import io.itinera.runtime.simulate.SimulationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The report's journey graph of every sample journey (the workspace's too) keeps every edge label
 * off every box and off the other labels: each stage with its declared transitions, as the report
 * merges them, plus an exit from every stage when the journey has exits, with long figures.
 * (In this module, in the report's package, because the samples need the compiler.)
 */
class SampleJourneyGraphsTest {

	@TestFactory
	Stream<DynamicTest> noLabelCoversABoxInAnySampleJourneysGraph() throws IOException {
		List<Path> files = JourneyLoader.expand(List.of(Path.of(".")));
		assertFalse(files.isEmpty());
		JourneyLoader loader = new JourneyLoader();
		return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
			JourneyLoader.LoadedJourney loaded = loader.load(file);
			assertNotNull(loaded.journey(), file + " did not parse");
			JourneyPlan plan = new JourneyCompiler().compile(loaded.journey());
			JourneyGraphLayout layout = JourneyGraphLayout.of(stages(plan), transitions(plan));
			assertEquals(List.of(), layout.collisions(), file.toString());
		}));
	}

	private static List<StageFigures> stages(JourneyPlan plan) {
		List<StageFigures> stages = new ArrayList<>();
		for (Stage stage : plan.stages()) {
			stages.add(new StageFigures(stage.name(), stage.phase(), 123_456, 234_567, 111_111, 12_345, stage.terminal()));
		}
		return stages;
	}

	/** As the report has them: one edge per pair of stages, the labels of parallel transitions joined. */
	private static List<TransitionFigures> transitions(JourneyPlan plan) {
		Map<String, String[]> edges = new LinkedHashMap<>();
		if (plan.entry() != null && plan.entryStage() != null) {
			edges.put("|" + plan.entryStage(), new String[] { null, plan.entryStage(), "entry on " + plan.entry().event() });
		}
		for (Stage stage : plan.stages()) {
			for (Transition transition : stage.transitions()) {
				String label = TransitionLabels.of(transition);
				edges.merge(stage.name() + "|" + transition.target(), new String[] { stage.name(), transition.target(), label },
						(a, b) -> new String[] { a[0], a[1], a[2] + " · " + b[2] });
			}
			for (Exit exit : plan.exits()) {
				edges.merge(stage.name() + "|", new String[] { stage.name(), null, "exit on " + exit.event() },
						(a, b) -> new String[] { a[0], a[1], a[2] + " · " + b[2] });
			}
		}
		List<TransitionFigures> transitions = new ArrayList<>();
		for (String[] edge : edges.values()) {
			transitions.add(new TransitionFigures(edge[0], edge[1], edge[2], edge[2], 123_456, 234_567, 0.456, edge[1] != null));
		}
		return transitions;
	}
}
