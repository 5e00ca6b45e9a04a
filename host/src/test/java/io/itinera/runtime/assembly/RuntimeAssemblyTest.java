package io.itinera.runtime.assembly;

import io.itinera.runtime.rules.RawDrlPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PinnedVersionsStep;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one assembly: the raw-DRL policy, real Drools rules, the scorer, the delivery settings and the stacked steps. */
class RuntimeAssemblyTest {
	private static final Path FILE = Path.of("journeys", "cart.journey");
	/** The sample's campaign (its first rule: the second sends a value Drools refuses) with its raw drl block. */
	private static final JourneyPlan RAW = withDrl(SamplePlans.cartRecovery(), SamplePlans.cartRecovery().campaigns().get(0).drl());
	private static final JourneyPlan PLAIN = withDrl(RAW, null);
	/** Without models: the sample's ONNX file is not here. */
	private static final AssemblyOptions NO_MODELS = AssemblyOptions.DEFAULT.withoutModels(true);

	private static JourneyPlan withDrl(JourneyPlan plan, String drl) {
		Campaign c = plan.campaigns().get(0);
		return renamed(plan, plan.name(), new Campaign(c.name(), c.stages(), c.caps(), c.quietHours(), c.rules().subList(0, 1), drl,
				c.location(), c.everyMillis()));
	}

	private static JourneyPlan renamed(JourneyPlan plan, String name, Campaign campaign) {
		return new JourneyPlan(plan.formatVersion(), name, plan.title(), plan.location(), plan.entry(), plan.reentry(), plan.exits(),
				plan.goal(), plan.attributes(), plan.events(), plan.features(), plan.models(), plan.stages(), List.of(campaign),
				plan.splits(), plan.tests(), plan.phases(), plan.migration(), plan.priority());
	}

	@Test
	void rawDrlIsRefusedUnlessAllowedNamingTheLineAndTheFix() {
		AssemblyException refused = assertThrows(AssemblyException.class, () -> RuntimeAssembly.journey(RAW, FILE, NO_MODELS));
		assertEquals(AssemblyException.Reason.RAW_DRL_REFUSED, refused.reason());
		assertTrue(refused.getMessage().startsWith("cart.journey:35:3: error: campaign Rescue has a raw drl block"), refused.getMessage());
		assertTrue(refused.getMessage().contains("--allow-raw-drl") && refused.getMessage().endsWith("[" + RawDrlPolicy.CODE + "]"),
				refused.getMessage());
		try (AssembledJourney allowed = RuntimeAssembly.journey(RAW, FILE, NO_MODELS.allowingRawDrl(true))) {
			assertInstanceOf(DroolsCampaignRules.class, allowed.rules());
			assertEquals(List.of("Rescue"), ((DroolsCampaignRules) allowed.rules()).drl().rawBlocks().stream()
					.map(block -> block.campaign()).toList());
		}
	}

	@Test
	void aWorkspaceIsRefusedWhenAnyOfItsJourneysHasRawDrl() {
		JourneyPlan raw = renamed(RAW, "Other", RAW.campaigns().get(0));
		AssemblyException refused = assertThrows(AssemblyException.class, () -> RuntimeAssembly.workspace(List.of(PLAIN, raw),
				plan -> Path.of(plan.name() + ".journey"), WorkspaceSettings.NONE, NO_MODELS));
		assertEquals(AssemblyException.Reason.RAW_DRL_REFUSED, refused.reason());
	}

	@Test
	void rulesThatDoNotBuildNameTheFile() {
		JourneyPlan broken = withDrl(RAW, "rule \"x\" when then");
		AssemblyException error = assertThrows(AssemblyException.class,
				() -> RuntimeAssembly.journey(broken, FILE, NO_MODELS.allowingRawDrl(true)));
		assertEquals(AssemblyException.Reason.RULES_DO_NOT_BUILD, error.reason());
		assertTrue(error.getMessage().startsWith(FILE + ": the campaign rules do not build: "), error.getMessage());
	}

	@Test
	void aJourneyRunsItsOwnRulesWithTheHostsDeliveryAndNoScoresWithoutModels() {
		DeliverySettings host = new DeliverySettings(ZoneId.of("Europe/Berlin"), List.of());
		try (AssembledJourney journey = RuntimeAssembly.journey(PLAIN, FILE, NO_MODELS.withDelivery(host))) {
			assertSame(PLAIN, journey.plan());
			assertSame(host, journey.delivery());
			assertTrue(Float.isNaN(journey.scorer().score("intent", new float[][] { { 1, 2, 3 } })[0]));
			PlanStep first = journey.newStep();
			assertTrue(first != journey.newStep(), "a step of its own for every worker");
			assertEquals(List.of(PLAIN), journey.plans());
		}
	}

	@Test
	void aWorkspaceAddsTheHostsCapsAndStacksItsJourneysInPriorityOrder() {
		JourneyPlan other = renamed(PLAIN, "Another", PLAIN.campaigns().get(0));
		Cap hostCap = new Cap(2, 86_400_000L, Channel.PUSH, SamplePlans.at(1));
		DeliverySettings host = new DeliverySettings(ZoneId.of("Europe/Berlin"), List.of(hostCap));
		try (AssembledWorkspace workspace = RuntimeAssembly.workspace(List.of(PLAIN, other), plan -> Path.of(plan.name() + ".journey"),
				WorkspaceSettings.NONE, NO_MODELS.withDelivery(host))) {
			assertEquals(List.of(hostCap), workspace.settings().caps());
			assertEquals(ZoneId.of("Europe/Berlin"), workspace.settings().zone());
			for (AssembledJourney journey : workspace.journeys()) {
				assertEquals(List.of(), journey.delivery().globalCaps(), "the shared caps are the workspace's to apply");
				assertEquals(ZoneId.of("Europe/Berlin"), journey.delivery().defaultZone());
			}
			WorkspaceStep step = workspace.newStep();
			assertEquals(List.of("Another", "CartRecovery"), List.copyOf(step.journeyNames()).stream().sorted().toList());
			assertEquals(step.journeyNames().size() * PLAIN.stages().size(), workspace.stageKeys().size());
			assertTrue(workspace.planJson().contains("\"Another\""), workspace.planJson());
		}
	}

	@Test
	void pinnedVersionsRunBesideTheCurrentOneAndNoneLeaveTheStepAlone() {
		try (AssembledJourney current = RuntimeAssembly.journey(PLAIN, FILE, NO_MODELS)) {
			String json = PlanJson.write(PLAIN);
			try (PinnedJourney none = RuntimeAssembly.pinned(current, json, PinnedPlans.NONE, NO_MODELS)) {
				assertEquals(1, none.running());
				assertInstanceOf(PlanStep.class, none.newStep());
			}
			PinnedPlans old = PinnedPlans.NONE.with(new PinnedPlans.Pinned("v1", "old.journey", json));
			try (PinnedJourney both = RuntimeAssembly.pinned(current, json, old, NO_MODELS)) {
				assertEquals(2, both.running());
				assertInstanceOf(PinnedVersionsStep.class, both.newStep());
				assertSame(current.scorer(), both.scorer());
			}
			PinnedPlans raw = PinnedPlans.NONE.with(new PinnedPlans.Pinned("v0", "raw.journey", PlanJson.write(RAW)));
			AssemblyException refused = assertThrows(AssemblyException.class, () -> RuntimeAssembly.pinned(current, json, raw, NO_MODELS));
			assertTrue(refused.getMessage().endsWith("version v0 of the journey (raw.journey), which customers of the state still run on,"
					+ " cannot run (above)"), refused.getMessage());
		}
	}
}
