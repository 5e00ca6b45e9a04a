package io.itinera.runtime.change;

import io.itinera.runtime.step.CustomerStateReader;
import io.itinera.runtime.step.CustomerSeeder;
import static io.itinera.runtime.plan.SamplePlans.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Migration;
import io.itinera.runtime.plan.Phase;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One customer per kind of change, between the sample CartRecovery plan and a hand-made new
 * version: Carted's timer goes from 1 hour to 2 hours (and moves from index 1 to 0, as its
 * {@code on purchase -> Converted} is gone); HighIntent is renamed Hot (guessed: same shape);
 * Converted is removed with {@code Converted -> exit}; views7d's window grows to 14 days (a whole
 * multiple: kept) and maxPrice becomes a min (reset); the attributes are declared the other way
 * round; Rescue gains a rule. Expected states and timers are worked out by hand in each test.
 */
class CustomerMigrationTest {
	private static final long HOUR = 3_600_000L;
	private static final long DAY = 24 * HOUR;
	private static final long T0 = 1_700_000_000_000L;
	private static final JourneyPlan OLD = SamplePlans.cartRecovery();
	private static final PlanStep OLD_STEP = new PlanStep(OLD, CampaignRules.NONE);

	static JourneyPlan newPlan(Migration migration, boolean withConverted) {
		List<Stage> stages = new ArrayList<>();
		stages.add(new Stage("Carted", Phase.CONSIDERATION, List.of(new Transition.AfterDelay(2 * HOUR, "Abandoned", at(25))), at(23)));
		Stage abandoned = OLD.stage("Abandoned");
		Transition.WhenScore toHighIntent = (Transition.WhenScore) abandoned.transitions().get(0);
		stages.add(new Stage("Abandoned", abandoned.phase(), List.of(
				new Transition.WhenScore(toHighIntent.condition(), toHighIntent.hysteresis(), "Hot", toHighIntent.location()),
				abandoned.transitions().get(1)), abandoned.location()));
		stages.add(new Stage("Hot", Phase.CONSIDERATION, OLD.stage("HighIntent").transitions(), at(31)));
		if (withConverted) {
			stages.add(OLD.stage("Converted"));
		}
		stages.add(OLD.stage("Lapsed"));
		Campaign rescue = OLD.campaigns().get(0);
		List<CampaignRule> rules = new ArrayList<>(rescue.rules());
		rules.add(new CampaignRule("Welcome back", null, false,
				List.of(new Action.Send(Channel.EMAIL, "welcome_back", List.of(), at(45))), at(45)));
		Campaign newRescue = new Campaign("Rescue", List.of("Abandoned", "Hot"), rescue.caps(), rescue.quietHours(), rules,
				rescue.drl(), rescue.location(), rescue.everyMillis());
		List<Feature> features = new ArrayList<>(OLD.features());
		features.set(0, new Feature("views7d", AggregateKind.COUNT, "product_view", null, new FeatureWindow.Sliding(14 * DAY), at(12)));
		features.set(3, new Feature("maxPrice", AggregateKind.MIN, "product_view", "price", new FeatureWindow.Lifetime(), at(15)));
		Split split = OLD.splits().get(0);
		return new JourneyPlan(OLD.formatVersion(), OLD.name(), OLD.title(), OLD.location(), OLD.entry(), OLD.reentry(), OLD.exits(),
				OLD.goal(), List.of(OLD.attributes().get(1), OLD.attributes().get(0)), OLD.events(), features, OLD.models(), stages,
				List.of(newRescue), List.of(split), List.of(), OLD.phases(), migration);
	}

	static final JourneyPlan NEW = newPlan(new Migration(List.of(new Migration.StageMapping("Converted", null, at(60))),
			Migration.TimerBasis.ENTRY, at(60)), false);

	/** A shopper who viewed a product at 30.0 a day before adding to the cart at T0: in Carted, timer Carted#1@T0. */
	private static CustomerState cartedAtT0() {
		CustomerState state = OLD_STEP.initialState("c1");
		new CustomerSeeder(OLD_STEP).setAttribute(state, "email", "c1@example.com");
		new CustomerSeeder(OLD_STEP).setAttribute(state, "tier", "gold");
		OLD_STEP.applyInPlace(state, new Event("c1", T0 - DAY, "product_view", Map.of("category", "shoes", "price", 30.0)));
		OLD_STEP.applyInPlace(state, new Event("c1", T0, "cart_add", Map.of("price", 20.0)));
		assertEquals(List.of("Carted#1@" + T0), state.pendingTimers());
		return state;
	}

	private static List<TimerRequest> pending(CustomerState state, long delay) {
		return state.pendingTimers().stream().map(id -> new TimerRequest(state.customerId(), id, T0 + delay)).toList();
	}

	@Test
	void aChangedTimerIsCancelledAndSetAgainFromTheStageEntry() {
		CustomerState state = cartedAtT0();
		long now = T0 + 30 * 60_000L;
		CustomerMigration.Result result = CustomerMigration.apply(OLD, NEW, state, pending(state, HOUR), now);
		assertEquals("Carted", result.newStage());
		assertFalse(result.moved());
		assertFalse(result.left());
		assertEquals(List.of("Carted#1@" + T0), result.timersToCancel());
		assertEquals(List.of(new TimerRequest("c1", "Carted#0@" + T0, T0 + 2 * HOUR)), result.timersToSet());
		assertEquals(0, result.timersMoved());
		assertEquals(List.of("Carted#0@" + T0), result.state().pendingTimers());
		assertEquals(List.of("Carted#1@" + T0), state.pendingTimers(), "the old state is left alone");
	}

	@Test
	void withTimersFromNowTheNewTimerCountsFromTheMigration() {
		JourneyPlan fromNow = newPlan(new Migration(List.of(new Migration.StageMapping("Converted", null, at(60))),
				Migration.TimerBasis.NOW, at(60)), false);
		CustomerState state = cartedAtT0();
		long now = T0 + 30 * 60_000L;
		CustomerMigration.Result result = CustomerMigration.apply(OLD, fromNow, state, pending(state, HOUR), now);
		assertEquals(List.of(new TimerRequest("c1", "Carted#0@" + now, now + 2 * HOUR)), result.timersToSet());
	}

	@Test
	void featuresAreReLaidByNameKeptWidenedOrReset() {
		CustomerState state = cartedAtT0();
		long now = T0 + 30 * 60_000L;
		CustomerState migrated = CustomerMigration.apply(OLD, NEW, state, pending(state, HOUR), now).state();
		PlanStep newStep = new PlanStep(NEW, CampaignRules.NONE);
		assertEquals(1.0, new CustomerStateReader(newStep.plan()).featureValue(migrated, "views7d", now), "the 7-day buckets merge into 14-day ones");
		assertEquals(1.0, new CustomerStateReader(newStep.plan()).featureValue(migrated, "views7d", T0 + 12 * DAY), "and the view now counts for 14 days");
		assertEquals(20.0, new CustomerStateReader(newStep.plan()).featureValue(migrated, "cartValue", now), "unchanged: kept");
		assertTrue(Double.isNaN(new CustomerStateReader(newStep.plan()).featureValue(migrated, "maxPrice", now)), "max became min: reset");
		assertEquals("gold", migrated.attribute(0), "tier is declared first in the new version");
		assertEquals("c1@example.com", migrated.attribute(1));
		assertTrue(Double.isNaN(migrated.score(0)));
	}

	@Test
	void aRenamedStageKeepsItsCustomersAndTimersUnderTheNewName() {
		CustomerState state = OLD_STEP.initialState("c2");
		new CustomerSeeder(OLD_STEP).placeInStage(state, "HighIntent", T0);
		CustomerMigration.Result result = CustomerMigration.apply(OLD, NEW, state, pending(state, 2 * DAY), T0 + HOUR);
		assertEquals(StageMatching.How.GUESSED_RENAME, new CustomerMigration(OLD, NEW).stages().of("HighIntent").how());
		assertEquals("HighIntent", result.oldStage());
		assertEquals("Hot", result.newStage());
		assertTrue(result.moved());
		assertEquals(List.of("HighIntent#0@" + T0), result.timersToCancel());
		assertEquals(List.of(new TimerRequest("c2", "Hot#0@" + T0, T0 + 2 * DAY)), result.timersToSet(), "same due time");
		assertEquals(1, result.timersMoved());
		assertEquals("Hot", result.state().stage());
		assertEquals(T0, result.state().stageEnteredAt());
	}

	@Test
	void anUnchangedStageChangesNothing() {
		CustomerState state = OLD_STEP.initialState("c4");
		new CustomerSeeder(OLD_STEP).placeInStage(state, "Abandoned", T0);
		CustomerMigration.Result result = CustomerMigration.apply(OLD, NEW, state, pending(state, 3 * DAY), T0 + HOUR);
		assertEquals("Abandoned", result.newStage());
		assertEquals(List.of(), result.timersToCancel());
		assertEquals(List.of(), result.timersToSet());
		assertEquals(List.of("Abandoned#1@" + T0), result.state().pendingTimers());
	}

	@Test
	void aStageMappedToExitTakesItsCustomersOut() {
		CustomerState state = OLD_STEP.initialState("c3");
		new CustomerSeeder(OLD_STEP).placeInStage(state, "Converted", T0);
		long now = T0 + HOUR;
		CustomerMigration.Result result = CustomerMigration.apply(OLD, NEW, state, List.of(), now);
		assertTrue(result.left());
		assertNull(result.newStage());
		assertNull(result.state().stage());
		assertFalse(result.state().inJourney());
		assertEquals(now, result.state().lastExitAt());
		assertEquals("Converted", result.state().lastStage());
	}

	@Test
	void aCustomerOutOfTheJourneyOnlyGetsTheNewLayout() {
		CustomerState state = OLD_STEP.initialState("c5");
		new CustomerSeeder(OLD_STEP).setAttribute(state, "tier", "silver");
		CustomerMigration.Result result = CustomerMigration.apply(OLD, NEW, state, List.of(), T0);
		assertNull(result.oldStage());
		assertFalse(result.left());
		assertEquals("silver", result.state().attribute(0));
	}

	@Test
	void aRemovedStageWithoutAMappingIsRefusedWithTheFix() {
		JourneyPlan unmapped = newPlan(null, false);
		CustomerState state = OLD_STEP.initialState("c3");
		new CustomerSeeder(OLD_STEP).placeInStage(state, "Converted", T0);
		IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
				() -> CustomerMigration.apply(OLD, unmapped, state, List.of(), T0 + HOUR));
		assertTrue(refused.getMessage().contains("`Converted -> exit`"), refused.getMessage());
	}

	/** Rescue's split at 30% instead of 50%: the places 30 to 49 were Rescue and are now holdout. */
	private static JourneyPlan fewerRescued() {
		Split old = OLD.splits().get(0);
		Split fewer = new Split(old.name(), old.stage(), List.of(new Split.Arm(30, "Rescue", false, old.location()),
				new Split.Arm(70, null, true, old.location())), old.location());
		Campaign rescue = OLD.campaigns().get(0);
		Campaign remind = new Campaign("Rescue", rescue.stages(), rescue.caps(), rescue.quietHours(), List.of(new CampaignRule(
				"Plain reminder", null, true, List.of(new Action.Send(Channel.PUSH, "cart_reminder", List.of(), at(43))), at(43))),
				null, rescue.location(), rescue.everyMillis());
		return new JourneyPlan(OLD.formatVersion(), OLD.name(), OLD.title(), OLD.location(), OLD.entry(), OLD.reentry(),
				OLD.exits(), OLD.goal(), OLD.attributes(), OLD.events(), OLD.features(), OLD.models(), OLD.stages(), List.of(remind),
				List.of(fewer), List.of(), OLD.phases(), null);
	}

	/** A customer in Carted whose hash puts them in Rescue before the change and in the holdout after it. */
	private static CustomerState cartedAndMovedByTheHash() {
		for (int i = 0;; i++) {
			int place = io.itinera.runtime.delivery.SplitAssignment.place(OLD.name(), "RescueTest", "c" + i);
			if (place >= 30 && place < 50) {
				CustomerState state = OLD_STEP.initialState("c" + i);
				OLD_STEP.applyInPlace(state, new Event("c" + i, T0, "cart_add", Map.of("price", 20.0)));
				return state;
			}
		}
	}

	@Test
	void aSplitWhosePercentagesChangedKeepsEachCustomersArm() {
		JourneyPlan newer = fewerRescued();
		Split fewer = newer.splits().get(0);
		CustomerState state = cartedAndMovedByTheHash();
		CustomerState migrated = CustomerMigration.apply(OLD, newer, state, List.of(), T0).state();
		assertEquals("holdout", io.itinera.runtime.delivery.SplitAssignment.armOf(OLD.name(), state.customerId(), fewer));
		assertEquals("Rescue", io.itinera.runtime.step.KeptSplitArms.of(migrated, fewer), "kept: it was Rescue before");
		assertNull(io.itinera.runtime.step.KeptSplitArms.of(state, fewer), "the old state is left alone");
	}

	@Test
	void theStepFunctionActsOnTheKeptArm() {
		JourneyPlan newer = fewerRescued();
		PlanStep step = new PlanStep(newer, io.itinera.runtime.rules.DroolsCampaignRules.forPlan(newer));
		CustomerState state = cartedAndMovedByTheHash();
		CustomerState kept = CustomerMigration.apply(OLD, newer, state, List.of(), T0).state();
		io.itinera.runtime.step.TimerFired toAbandoned = new io.itinera.runtime.step.TimerFired(state.customerId(), "Carted#1@" + T0,
				T0 + HOUR);
		io.itinera.runtime.step.StepResult asKept = step.apply(kept, toAbandoned);
		assertEquals("Abandoned", asKept.state().stage());
		assertTrue(asKept.actions().size() + asKept.deliveryNotices().size() > 0, "Rescue acts for its kept customer");
		io.itinera.runtime.step.StepResult byHash = step.apply(state, toAbandoned);
		assertEquals(0, byHash.actions().size(), "a customer the hash holds out gets nothing");
		assertTrue(byHash.deliveryNotices().stream().allMatch(
				notice -> notice.outcome() == io.itinera.runtime.delivery.DeliveryOutcome.SUPPRESSED_HOLDOUT),
				"only a record of what the holdout was not sent");
	}
}
