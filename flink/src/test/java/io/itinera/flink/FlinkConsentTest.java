package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.itinera.dsl.JourneyStandaloneSetup;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.WorkspaceSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspacePlans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent on Flink: a workspace whose promotions customers unsubscribe from decides on the job
 * (parallelism 2) what the local engine decides: the same sends, and the same NOT_SUBSCRIBED notices.
 */
class FlinkConsentTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	Path dir;

	private static final String PROMOTION = """
			journey %s {
			  entry on visit -> Browsing
			  event visit { }
			  stage Browsing { }
			  campaign Offers in Browsing {
			    topic promotions
			    rule "Offer" otherwise then send email "%s"
			  }
			}
			""";

	@Test
	void theJobWithholdsWhatTheLocalEngineWithholds() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("shop"));
		Files.writeString(folder.resolve(WorkspaceFile.NAME), "topic promotions email opt-out\ntopic receipts email transactional\n");
		Files.writeString(folder.resolve("a.journey"), PROMOTION.formatted("PromoA", "promo_a"));
		Files.writeString(folder.resolve("b.journey"), PROMOTION.formatted("PromoB", "promo_b"));
		Files.writeString(folder.resolve("r.journey"), """
				journey Receipts {
				  entry on order -> Ordered
				  event order { amount: decimal }
				  stage Ordered { }
				  campaign Receipt in Ordered {
				    rule "Receipt" otherwise then send email "receipt" topic receipts
				  }
				}
				""");
		Injector injector = new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
		List<JourneyPlan> plans = new ArrayList<>();
		for (String file : List.of("a.journey", "b.journey", "r.journey")) {
			Journey journey = (Journey) resources.getResource(URI.createFileURI(folder.resolve(file).toString()), true).getContents()
					.get(0);
			plans.add(new JourneyCompiler().compile(journey));
		}
		List<String> lines = new ArrayList<>();
		for (int c = 0; c < 200; c++) {
			String customer = "\"customer\":\"c" + c + "\"";
			lines.add("{" + customer + ",\"type\":\"visit\",\"time\":\"2026-03-02T10:00:00Z\"}");
			if (c % 3 == 0) {
				lines.add("{" + customer + ",\"type\":\"unsubscribe\",\"topic\":\"promotions\",\"source\":\"preferences page\","
						+ "\"time\":\"2026-03-02T11:00:00Z\"}");
			}
			lines.add("{" + customer + ",\"type\":\"visit\",\"time\":\"2026-03-02T12:00:00Z\"}");
			lines.add("{" + customer + ",\"type\":\"order\",\"amount\":5,\"time\":\"2026-03-02T13:00:00Z\"}");
		}
		Path log = Files.write(dir.resolve("events.jsonl"), lines);

		Path local = dir.resolve("local");
		try (AssembledWorkspace workspace = RuntimeAssembly.workspace(plans, plan -> folder.resolve(plan.name() + ".journey"),
				WorkspaceFile.readIn(folder), AssemblyOptions.DEFAULT.withoutModels(true));
				EventLogSource source = EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(null), null, ',',
						WorkspaceSchema.of(plans)); JsonLinesOutput output = new JsonLinesOutput(local)) {
			new LocalEngine(workspace::newStep, workspace.scorer(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay())).run(source);
		}

		Path flink = dir.resolve("flink");
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JobSettings job = JobSettings.of(WorkspacePlans.write(plans), folder.toString())
				.withWorkspaceFile(Files.readString(folder.resolve(WorkspaceFile.NAME)));
		JourneyJob.build(env, job.withReplayEnd(ReplayInput.latestEventTime(List.of(log.toString()), WorkspaceSchema.of(plans), null)),
				JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(flink.toString()));
		env.execute("consent equivalence");

		List<String> localSuppressions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.SUPPRESSIONS));
		long withheld = localSuppressions.stream().filter(s -> s.contains("\"NOT_SUBSCRIBED\"")).count();
		assertEquals(67 * 2, withheld, "a third of the customers: on the next visit, in both promotions (a consent event runs no campaign rules)");
		assertTrue(localSuppressions.stream().allMatch(s -> s.contains("\"consentWithdrawnHow\":\"preferences page\"")));
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS)), FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(localSuppressions, FlinkFixtures.sortedLines(flink, OutputRecord.SUPPRESSION));
		assertEquals(List.of(), FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER));
	}
}
