package io.itinera.flink;

import com.google.inject.Injector;
import io.itinera.dsl.JourneyStandaloneSetup;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.runtime.io.WorkspaceSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;

/** The sample workspace {@code journeys/workspace} (six journeys, shared caps and quiet hours) on both hosts. */
final class WorkspaceFixtures {
	static final Path WORKSPACE = FlinkFixtures.JOURNEYS.resolve("workspace");
	private static List<JourneyPlan> plans;

	private WorkspaceFixtures() {
	}

	static synchronized List<JourneyPlan> plans() throws IOException {
		if (plans == null) {
			Injector injector = new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
			XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
			List<JourneyPlan> compiled = new ArrayList<>();
			try (Stream<Path> files = Files.list(WORKSPACE)) {
				for (Path file : files.filter(f -> f.toString().endsWith(".journey")).sorted().toList()) {
					Journey journey = (Journey) resources.getResource(URI.createFileURI(file.toString()), true).getContents().get(0);
					compiled.add(new JourneyCompiler().compile(journey));
				}
			}
			plans = List.copyOf(compiled);
		}
		return plans;
	}

	/** The job's settings as {@code itinera flink journeys/workspace} makes them, with the fixtures' host-wide delivery. */
	static JobSettings settings() throws IOException {
		return JobSettings.of(WorkspacePlans.write(plans()), WORKSPACE.toString()).withScoring(64, 2_000)
				.withDelivery(FlinkFixtures.DELIVERY.defaultZone().getId(),
						FlinkFixtures.DELIVERY.globalCaps().stream().map(DeliveryArguments::cap).toList())
				.withWorkspaceFile(Files.readString(WORKSPACE.resolve(WorkspaceFile.NAME)));
	}

	/** The latest event time of a log, read with the workspace's events. */
	static long latestEventTime(Path log) throws IOException {
		return ReplayInput.latestEventTime(List.of(log.toString()), WorkspaceSchema.of(plans()), null);
	}

	/** The local engine's workspace run over {@code log} (2 workers, in-memory state), built as {@code run DIR} builds it. */
	static Path localRun(Path log, Path out) throws IOException {
		List<JourneyPlan> journeys = plans();
		try (AssembledWorkspace workspace = RuntimeAssembly.workspace(journeys, plan -> WORKSPACE.resolve(plan.name() + ".journey"),
				WorkspaceFile.readIn(WORKSPACE), AssemblyOptions.DEFAULT.withoutModels(true).withDelivery(FlinkFixtures.DELIVERY));
				EventLogSource source = EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(null), null, ',',
						workspace.schema()); JsonLinesOutput output = new JsonLinesOutput(out)) {
			new LocalEngine(workspace::newStep, workspace.scorer(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay().withScoring(64, 2_000))).run(source);
		}
		return out;
	}
}
