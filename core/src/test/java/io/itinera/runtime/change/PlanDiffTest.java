package io.itinera.runtime.change;

import static io.itinera.runtime.plan.SamplePlans.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.change.PlanChange.Kind;
import io.itinera.runtime.plan.Entry;
import io.itinera.runtime.plan.Exit;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Migration;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journey-level kinds of change and the stage matching, on hand-made variants of one plan. */
class PlanDiffTest {
	private static final JourneyPlan OLD = SamplePlans.cartRecovery();
	private static final long DAY = 86_400_000L;

	private static JourneyPlan with(Entry entry, Reentry reentry, List<Exit> exits, List<Model> models, List<Stage> stages,
			List<Split> splits, Migration migration) {
		return new JourneyPlan(OLD.formatVersion(), OLD.name(), OLD.title(), OLD.location(), entry, reentry, exits, OLD.goal(),
				OLD.attributes(), OLD.events(), OLD.features(), models, stages, OLD.campaigns(), splits, OLD.tests(), OLD.phases(),
				migration);
	}

	private static List<Kind> kinds(JourneyPlan newPlan) {
		return PlanDiff.between(OLD, newPlan).stream().map(PlanChange::kind).toList();
	}

	@Test
	void aPlanEqualsItselfWhereverItIsWritten() {
		assertEquals(List.of(), PlanDiff.between(OLD, OLD));
		JourneyPlan moved = PlanJson.read(PlanJson.write(OLD).replace("\"line\" : 2", "\"line\" : 102"));
		assertEquals(List.of(), PlanDiff.between(OLD, moved));
	}

	@Test
	void entryReentryAndExits() {
		JourneyPlan changed = with(new Entry("product_view", null, "Carted", at(2)), Reentry.never(at(3)),
				List.of(new Exit("cart_add", null, at(4))), OLD.models(), OLD.stages(), OLD.splits(), null);
		assertEquals(List.of(Kind.ENTRY_CHANGED, Kind.REENTRY_CHANGED, Kind.EXIT_REMOVED, Kind.EXIT_ADDED), kinds(changed));
		PlanChange entry = PlanDiff.between(OLD, changed).get(0);
		assertEquals("entry: on cart_add -> Carted is now on product_view -> Carted", entry.description());
		assertEquals("cart.journey:2 -> cart.journey:2", entry.where());
	}

	@Test
	void models() {
		Model intent = OLD.models().get(0);
		Model retrained = new Model("intent", "models/intent-v2.onnx", List.of("views7d", "cartValue"), intent.output(),
				intent.column(), intent.device(), at(17));
		Model churn = new Model("churn", "models/churn.onnx", List.of("daysIdle"), "probability", null, intent.device(), at(18));
		PlanChange change = PlanDiff.between(OLD, with(OLD.entry(), OLD.reentry(), OLD.exits(), List.of(retrained, churn),
				OLD.stages(), OLD.splits(), null)).get(0);
		assertEquals(Kind.MODEL_CHANGED, change.kind());
		assertEquals("model intent: file models/intent.onnx is now models/intent-v2.onnx; inputs views7d, cartValue, daysIdle"
				+ " are now views7d, cartValue", change.description());
		assertEquals(List.of(Kind.MODEL_CHANGED, Kind.MODEL_ADDED),
				kinds(with(OLD.entry(), OLD.reentry(), OLD.exits(), List.of(retrained, churn), OLD.stages(), OLD.splits(), null)));
		assertEquals(List.of(Kind.MODEL_REMOVED),
				kinds(with(OLD.entry(), OLD.reentry(), OLD.exits(), List.of(), OLD.stages(), OLD.splits(), null)));
	}

	@Test
	void splitsAddedAndRemoved() {
		Split other = new Split("TimingTest", "HighIntent", List.of(new Split.Arm(100, "Rescue", false, at(48))), at(48));
		assertEquals(List.of(Kind.SPLIT_REMOVED, Kind.SPLIT_ADDED),
				kinds(with(OLD.entry(), OLD.reentry(), OLD.exits(), OLD.models(), OLD.stages(), List.of(other), null)));
	}

	@Test
	void aStageWithTheSamePhaseAndTransitionsUnderANewNameIsARename() {
		List<Stage> stages = renamed("HighIntent", "Hot");
		StageMatching matching = StageMatching.between(OLD, with(OLD.entry(), OLD.reentry(), OLD.exits(), OLD.models(), stages,
				OLD.splits(), null));
		assertEquals(new StageMatching.Match("HighIntent", "Hot", StageMatching.How.GUESSED_RENAME), matching.of("HighIntent"));
		assertEquals(StageMatching.How.SAME_NAME, matching.of("Carted").how());
	}

	@Test
	void aMigrateMappingDecidesAndExitTakesCustomersOut() {
		List<Stage> stages = new ArrayList<>(OLD.stages());
		stages.removeIf(s -> s.name().equals("Lapsed") || s.name().equals("HighIntent"));
		stages.replaceAll(s -> new Stage(s.name(), s.phase(), s.transitions().stream()
				.filter(t -> !t.target().equals("Lapsed") && !t.target().equals("HighIntent")).toList(), s.location()));
		Migration migration = new Migration(List.of(new Migration.StageMapping("HighIntent", "Abandoned", at(60)),
				new Migration.StageMapping("Lapsed", null, at(61))), Migration.TimerBasis.NOW, at(59));
		JourneyPlan newPlan = with(OLD.entry(), OLD.reentry(), OLD.exits(), OLD.models(), stages, List.of(), migration);
		StageMatching matching = StageMatching.between(OLD, newPlan);
		assertEquals("Abandoned", matching.of("HighIntent").newStage());
		assertTrue(matching.of("Lapsed").exits());
		List<PlanChange> changes = PlanDiff.between(OLD, newPlan);
		assertTrue(changes.stream().anyMatch(c -> c.description()
				.equals("stage HighIntent removed; its customers move to Abandoned (migrate)") && c.after().equals(at(60))), changes.toString());
		assertTrue(changes.stream().anyMatch(c -> c.description()
				.equals("stage Lapsed removed; its customers leave the journey (migrate)")), changes.toString());
	}

	@Test
	void aKeptStageWhoseCustomersAreSentElsewhere() {
		Migration migration = new Migration(List.of(new Migration.StageMapping("HighIntent", "Abandoned", at(60))),
				Migration.TimerBasis.ENTRY, at(59));
		List<PlanChange> changes = PlanDiff.between(OLD, with(OLD.entry(), OLD.reentry(), OLD.exits(), OLD.models(), OLD.stages(),
				OLD.splits(), migration));
		assertEquals(List.of(new PlanChange(Kind.STAGE_REMAPPED, "stage HighIntent kept, but its customers move to Abandoned (migrate)",
				at(31), at(60))), changes);
	}

	@Test
	void timersKeepTheirPlaceWhenDelayAndTargetStayTheSame() {
		Stage old = OLD.stage("Abandoned"); // 0: when intent > 0.6 -> HighIntent, 1: after 3 days -> Lapsed
		Stage reordered = new Stage("Abandoned", old.phase(), List.of(new Transition.AfterDelay(DAY, "HighIntent", at(70)),
				old.transitions().get(1), old.transitions().get(0)), old.location());
		TimerCarryOver timers = TimerCarryOver.between(old, reordered, StageMatching.between(OLD, OLD));
		assertEquals(List.of(new TimerCarryOver.Kept(1, 1)), timers.kept());
		assertEquals(List.of(0), timers.added());
		assertEquals(List.of(), timers.cancelled());

		Stage slower = new Stage("Abandoned", old.phase(), List.of(old.transitions().get(0),
				new Transition.AfterDelay(4 * DAY, "Lapsed", at(29))), old.location());
		TimerCarryOver changed = TimerCarryOver.between(old, slower, StageMatching.between(OLD, OLD));
		assertEquals(List.of(1), changed.cancelled());
		assertEquals(List.of(1), changed.added());
	}

	@Test
	void migrationSurvivesJsonAndOldPlansReadWithoutOne() {
		Migration migration = new Migration(List.of(new Migration.StageMapping("Old", "Carted", at(60)),
				new Migration.StageMapping("Gone", null, at(61))), Migration.TimerBasis.NOW, at(59));
		JourneyPlan plan = with(OLD.entry(), OLD.reentry(), OLD.exits(), OLD.models(), OLD.stages(), OLD.splits(), migration);
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
		String withoutMigration = PlanJson.write(OLD).replace(",\n  \"migration\" : null", "");
		assertTrue(!withoutMigration.contains("migration"), withoutMigration);
		assertNull(PlanJson.read(withoutMigration).migration());
	}

	@Test
	void splitPlacesThatChangeArm() {
		Split old = OLD.splits().get(0);
		Split narrower = new Split(old.name(), old.stage(), List.of(new Split.Arm(30, "Rescue", false, at(47)),
				new Split.Arm(70, null, true, at(47))), at(47));
		assertEquals(20, MigrationCheck.percentChangingArm(old, narrower));
		assertEquals(0, MigrationCheck.percentChangingArm(old, old));
	}

	private static List<Stage> renamed(String from, String to) {
		List<Stage> stages = new ArrayList<>();
		for (Stage stage : OLD.stages()) {
			List<Transition> transitions = stage.transitions().stream().map(t -> retarget(t, from, to)).toList();
			stages.add(new Stage(stage.name().equals(from) ? to : stage.name(), stage.phase(), transitions, stage.location()));
		}
		return stages;
	}

	private static Transition retarget(Transition t, String from, String to) {
		if (!t.target().equals(from)) {
			return t;
		}
		if (t instanceof Transition.AfterDelay a) {
			return new Transition.AfterDelay(a.delayMillis(), to, a.location());
		}
		if (t instanceof Transition.OnEvent o) {
			return new Transition.OnEvent(o.event(), o.condition(), to, o.location());
		}
		Transition.WhenScore w = (Transition.WhenScore) t;
		return new Transition.WhenScore(w.condition(), w.hysteresis(), to, w.location());
	}
}
