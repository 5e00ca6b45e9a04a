package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledRuntime;
import io.itinera.runtime.rules.RawDrlPolicy;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.step.PlanStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw DRL runs arbitrary code, so the job runs it only when started with {@code --allow-raw-drl}: a
 * plan handed straight to the job obeys the policy {@code itinera run} does, on the client and in
 * every subtask.
 */
class FlinkRawDrlRefusalTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	private static final String RAW = """
			rule "Rescue :: raw"
			when
			  $customer : CustomerFact( )
			then
			  decisions.tag("Rescue", "raw", "seen");
			end
			""";

	@TempDir
	Path dir;

	/** The sample journey with a raw drl block in its Rescue campaign. */
	private static String rawPlanJson() {
		JourneyPlan plan = FlinkFixtures.cartRecovery();
		List<Campaign> campaigns = new ArrayList<>();
		for (Campaign c : plan.campaigns()) {
			campaigns.add(new Campaign(c.name(), c.stages(), c.caps(), c.quietHours(), c.rules(), RAW, c.location(), c.everyMillis()));
		}
		return PlanJson.write(new JourneyPlan(plan.formatVersion(), plan.name(), plan.title(), plan.location(), plan.entry(),
				plan.reentry(), plan.exits(), plan.goal(), plan.attributes(), plan.events(), plan.features(), plan.models(),
				plan.stages(), campaigns, plan.splits(), plan.tests(), plan.phases(), plan.migration(), plan.priority()));
	}

	/** The fixtures' job settings over the plan with raw DRL, handed straight to the job (no --allow-raw-drl). */
	private static JobSettings rawSettings() {
		JobSettings settings = FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING);
		return new JobSettings(rawPlanJson(), settings.journeyDirectory(), settings.mapping(), settings.latenessMillis(),
				settings.scoreBatch(), settings.scoreWaitMicros(), false, Long.MAX_VALUE, settings.customersInMemory(), settings.zone(),
				settings.globalCaps(), null, settings.eventTimes(), false);
	}

	private static void assertRefusal(String message) {
		assertTrue(message.contains("cart-recovery.journey:57:3: error: campaign Rescue has a raw drl block"), message);
		assertTrue(message.contains("--allow-raw-drl") && message.contains(RawDrlPolicy.CODE), message);
	}

	@Test
	void theJobRefusesAPlanWithRawDrlBeforeItStarts() throws Exception {
		Path plan = Files.writeString(dir.resolve("plan.json"), rawPlanJson());
		Path log = FlinkFixtures.log(dir, "events.jsonl", 50, 10, 3);
		Path out = dir.resolve("out");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = JourneyJobRunner.run(new String[] { "--plan", plan.toString(), "--journey-dir", FlinkFixtures.JOURNEYS.toString(),
				"--events", log.toString(), "--map", FlinkFixtures.MAPPING, "--out", out.toString(), "--local" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		String message = err.toString(StandardCharsets.UTF_8);
		assertEquals(1, exit, message);
		assertTrue(message.startsWith("itinera flink: "), message);
		assertRefusal(message);
		assertFalse(message.contains("\tat "), "no stack trace: " + message);
		assertFalse(Files.exists(out), "no job ran");
	}

	@Test
	void aPlanHandedStraightToTheJobIsRefusedByItsSubtasks() throws Exception {
		Path log = FlinkFixtures.log(dir, "events.jsonl", 50, 10, 3);
		JobSettings raw = rawSettings();
		Configuration config = FlinkFixtures.jobConfiguration();
		config.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a refused plan stays refused: no retries
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
		env.setParallelism(2);
		JourneyJob.build(env, raw, JourneyJob.Input.files(List.of(log.toString())),
				JourneyJob.Output.directory(dir.resolve("out").toString()));
		Exception failed = assertThrows(Exception.class, () -> env.execute("raw drl"));
		Throwable root = ExceptionUtils.stripExecutionException(failed);
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		assertRefusal(String.valueOf(root.getMessage()));
	}

	@Test
	void withTheAllowOptionTheJobAssemblesTheRawRules() {
		JobSettings allowed = rawSettings().withRawDrlAllowed(true);
		try (AssembledRuntime runtime = JobJourneys.of(allowed).assemble()) {
			AssembledJourney journey = assertInstanceOf(AssembledJourney.class, runtime);
			DroolsCampaignRules rules = assertInstanceOf(DroolsCampaignRules.class, journey.rules());
			assertEquals(List.of("Rescue"), rules.drl().rawBlocks().stream().map(block -> block.campaign()).toList());
			assertInstanceOf(PlanStep.class, runtime.newStep());
		}
		assertTrue(JourneyJobRunner.JobArguments.parse(new String[] { "--plan", "p.json", "--events", "a.jsonl", "--out", "o",
				"--allow-raw-drl" }).allowRawDrl());
		assertFalse(JourneyJobRunner.JobArguments.parse(new String[] { "--plan", "p.json", "--events", "a.jsonl", "--out", "o" })
				.allowRawDrl());
	}
}
