package io.itinera.dsl.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.JourneyPlan;
import java.util.List;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.TestCase;
import io.itinera.runtime.plan.Transition;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class JourneyCompilerTest {
	static final String CART_RECOVERY = """
			journey CartRecovery "Bring back shoppers" {
			  entry on cart_add
			  reentry after 30 days
			  exit on purchase
			  goal purchase within 7 days

			  customer { email: string  tier: string }

			  event product_view { productId: string  price: decimal }
			  event cart_add     { productId: string  price: decimal }
			  event purchase     { orderId: string  amount: decimal }

			  feature views7d   = count(product_view) over 7 days
			  feature cartValue = sum(cart_add.price) since last purchase
			  feature daysIdle  = days since last purchase
			  feature firstSeen = days since first product_view
			  feature maxPrice  = max(product_view.price)

			  model intent "models/purchase_intent.onnx" {
			    inputs views7d, cartValue, daysIdle
			    output probability [1]
			    device gpu
			  }

			  stage Browsing (awareness) {
			    on cart_add -> Carted
			  }
			  stage Carted (consideration) {
			    on purchase -> Converted
			    after 1 hour -> Abandoned
			  }
			  stage Abandoned (consideration) {
			    when intent > 0.6 (leave below 0.5) -> HighIntent
			    after 3 days -> Lapsed
			  }
			  stage HighIntent (consideration) { after 2 days -> Lapsed }
			  stage Converted (purchase) { }
			  stage Lapsed { }

			  campaign Rescue in Abandoned, HighIntent {
			    cap 1 per 1 day
			    cap 3 per 1 week on email
			    quiet hours 22:00 - 08:00
			    rule "Coupon for big carts" when cartValue > 100 and intent < 0.4 and tier in ["gold", "silver"]
			      then send email "cart_reminder_coupon" with coupon = "SAVE10"
			      then tag "rescued"
			    rule "Plain reminder" otherwise
			      then send push "cart_reminder"
			  }

			  split RescueTest in Abandoned { 50% Rescue, 50% holdout }

			  test "a big abandoned cart gets a coupon" {
			    given customer in Abandoned with cartValue = 150, intent = 0.2
			    at 09:30
			    expect send email "cart_reminder_coupon"
			    expect stage Abandoned
			  }
			}
			""";

	@Inject
	ParseHelper<Journey> parser;

	private JourneyPlan compile(String text) throws Exception {
		Journey journey = parser.parse(text);
		assertNotNull(journey, "the text must parse");
		return new JourneyCompiler().compile(journey);
	}

	@Test
	void aSplitThatLearnsItsWinnerCarriesItsSettingsAndItsTestsTheirWeights() throws Exception {
		JourneyPlan plan = compile(CART_RECOVERY.replace("split RescueTest in Abandoned {",
				"split RescueTest in Abandoned auto winner by goal min 300 per arm confidence 90% every 1 day {"));
		var learning = plan.splits().get(0).autoWinner();
		assertEquals(new io.itinera.runtime.plan.Split.AutoWinner(300, 90, 86_400_000L), learning);
		JourneyPlan defaults = compile(CART_RECOVERY.replace("split RescueTest in Abandoned {",
				"split RescueTest in Abandoned auto winner by goal {"));
		assertEquals(new io.itinera.runtime.plan.Split.AutoWinner(100, 95, 12 * 3_600_000L), defaults.splits().get(0).autoWinner());
		assertNull(compile(CART_RECOVERY).splits().get(0).autoWinner());
		assertEquals(plan, io.itinera.runtime.plan.PlanJson.read(io.itinera.runtime.plan.PlanJson.write(plan)));
	}

	@Test
	void aGoalCarriesItsValueField() throws Exception {
		JourneyPlan plan = compile(CART_RECOVERY.replace("goal purchase within 7 days", "goal purchase within 7 days value amount"));
		assertEquals("amount", plan.goal().valueField());
		assertEquals(7L * 86_400_000L, plan.goal().windowMillis());
	}

	@Test
	void compilesTheLifecycle() throws Exception {
		JourneyPlan plan = compile(CART_RECOVERY);
		assertEquals("CartRecovery", plan.name());
		assertEquals("Bring back shoppers", plan.title());
		assertEquals("cart_add", plan.entry().event());
		assertEquals("Browsing", plan.entry().stage(), "the entry stage defaults to the first stage");
		assertFalse(plan.reentry().never());
		assertEquals(30L * 86_400_000L, plan.reentry().afterMillis());
		assertEquals("purchase", plan.exits().get(0).event());
		assertEquals(7L * 86_400_000L, plan.goal().windowMillis());
		assertNull(plan.goal().valueField(), "a goal without `value` counts no revenue");
		assertEquals(2, plan.attributes().size());
		assertEquals(3, plan.events().size());
		assertEquals("price", plan.event("cart_add").fields().get(1).name());
	}

	@Test
	void compilesFeaturesAndModels() throws Exception {
		JourneyPlan plan = compile(CART_RECOVERY);
		Feature views = plan.feature("views7d");
		assertEquals(AggregateKind.COUNT, views.kind());
		assertEquals(new FeatureWindow.Sliding(7L * 86_400_000L), views.window());
		Feature cartValue = plan.feature("cartValue");
		assertEquals(AggregateKind.SUM, cartValue.kind());
		assertEquals("price", cartValue.field());
		assertEquals(new FeatureWindow.SinceLast("purchase"), cartValue.window());
		assertEquals(AggregateKind.DAYS_SINCE, plan.feature("daysIdle").kind());
		assertEquals(AggregateKind.DAYS_SINCE_FIRST, plan.feature("firstSeen").kind());
		assertEquals(new FeatureWindow.Lifetime(), plan.feature("maxPrice").window());
		var model = plan.model("intent");
		assertEquals(java.util.List.of("views7d", "cartValue", "daysIdle"), model.inputs());
		assertEquals(1, model.column());
		assertEquals(io.itinera.runtime.plan.Device.GPU, model.device());
	}

	@Test
	void compilesStagesAndTransitionsWithTheirLines() throws Exception {
		JourneyPlan plan = compile(CART_RECOVERY);
		assertEquals(6, plan.stages().size());
		Stage carted = plan.stage("Carted");
		assertEquals("consideration", carted.phase());
		assertEquals(28, carted.location().line());
		assertEquals(3, carted.location().column());
		assertEquals(new Transition.OnEvent("purchase", null, "Converted", carted.transitions().get(0).location()),
				carted.transitions().get(0));
		assertEquals(29, carted.transitions().get(0).location().line());
		Transition.AfterDelay timer = (Transition.AfterDelay) carted.transitions().get(1);
		assertEquals(3_600_000L, timer.delayMillis());
		assertEquals(30, timer.location().line());
		Transition.WhenScore trigger = (Transition.WhenScore) plan.stage("Abandoned").transitions().get(0);
		Expr.Binary condition = (Expr.Binary) trigger.condition();
		assertEquals(Expr.BinaryOp.GT, condition.op());
		assertEquals("intent", ((Expr.ScoreRef) condition.left()).model());
		assertEquals(0.6, ((Expr.NumberLit) condition.right()).value());
		assertEquals(new Transition.Hysteresis(Transition.Direction.BELOW, 0.5), trigger.hysteresis());
		assertNull(plan.stage("Lapsed").phase());
		assertEquals("awareness", plan.stage("Browsing").phase());
		assertTrue(plan.stage("Converted").terminal());
	}

	@Test
	void compilesCampaignsSplitsAndTests() throws Exception {
		JourneyPlan plan = compile(CART_RECOVERY);
		Campaign rescue = plan.campaign("Rescue");
		assertEquals(java.util.List.of("Abandoned", "HighIntent"), rescue.stages());
		assertEquals(2, rescue.caps().size());
		assertNull(rescue.caps().get(0).channel());
		assertEquals(Channel.EMAIL, rescue.caps().get(1).channel());
		assertEquals(7L * 86_400_000L, rescue.caps().get(1).periodMillis());
		assertEquals(22 * 60, rescue.quietHours().startMinute());
		assertEquals(8 * 60, rescue.quietHours().endMinute());
		var coupon = rescue.rules().get(0);
		assertEquals("Coupon for big carts", coupon.title());
		assertTrue(coupon.condition() instanceof Expr.Binary binary && binary.op() == Expr.BinaryOp.AND);
		Action.Send send = (Action.Send) coupon.actions().get(0);
		assertEquals(Channel.EMAIL, send.channel());
		assertEquals("cart_reminder_coupon", send.template());
		assertEquals(new Expr.StringLit("SAVE10", send.params().get(0).value().location()), send.params().get(0).value());
		assertEquals(new Action.Tag("rescued", coupon.actions().get(1).location()), coupon.actions().get(1));
		assertTrue(rescue.rules().get(1).otherwise());
		assertNull(rescue.rules().get(1).condition());

		var split = plan.splits().get(0);
		assertEquals("Abandoned", split.stage());
		assertEquals("Rescue", split.arms().get(0).campaign());
		assertTrue(split.arms().get(1).holdout());

		TestCase test = plan.tests().get(0);
		assertEquals("Abandoned", test.stage());
		assertEquals(TestCase.SymbolKind.FEATURE, test.givens().get(0).kind());
		assertEquals(TestCase.SymbolKind.SCORE, test.givens().get(1).kind());
		assertEquals(9 * 60 + 30, test.timeOfDayMinute());
		assertEquals(2, test.expectations().size());
	}

	@Test
	void compiledPlanRoundTripsThroughJson() throws Exception {
		JourneyPlan plan = compile(CART_RECOVERY);
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
	}

	@Test
	void unresolvedReferencesAreLeftOutNotFatal() throws Exception {
		JourneyPlan plan = compile("""
				journey Broken {
				  entry on nothing_like_this
				  event view { }
				  feature f = count(ghost) over 1 day
				  stage A { on view -> Nowhere  after 1 day -> B  on view if ghost > 1 -> B }
				  stage B { }
				  campaign C in A, Missing { rule "r" when ghost > 2 then send email "x" }
				}
				""");
		assertNull(plan.entry());
		assertTrue(plan.features().isEmpty());
		assertEquals(1, plan.stage("A").transitions().size(), "only the timer resolves");
		assertEquals(java.util.List.of("A"), plan.campaign("C").stages());
		assertTrue(plan.campaign("C").rules().isEmpty());
	}

	@Test
	void compilesTheSampleJourneyWithoutGraphFindings() throws Exception {
		String text = java.nio.file.Files.readString(java.nio.file.Path.of("../journeys/cart-recovery.journey"));
		JourneyPlan plan = compile(text);
		assertEquals(5, plan.stages().size());
		assertEquals(10, plan.tests().size());
		assertEquals(java.util.List.of(), new io.itinera.runtime.graph.JourneyGraph(plan).analyse());
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
		new io.itinera.runtime.step.PlanStep(plan, io.itinera.runtime.rules.CampaignRules.NONE); // the runtime accepts it
	}

	@Test
	void everySampleJourneyCompilesRoundTripsAndRuns() throws Exception {
		try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../journeys"))) {
			var journeys = files.filter(f -> f.toString().endsWith(".journey")).sorted().toList();
			assertFalse(journeys.isEmpty());
			for (var file : journeys) {
				JourneyPlan plan = compile(java.nio.file.Files.readString(file));
				assertNotNull(plan.entry(), file + " has an entry");
				assertEquals(plan, PlanJson.read(PlanJson.write(plan)), file.toString());
				new io.itinera.runtime.step.PlanStep(plan, io.itinera.runtime.rules.CampaignRules.NONE);
			}
		}
	}

	@Test
	void compilesPhasesSchedulesAndMultiStepTests() throws Exception {
		JourneyPlan plan = compile("""
				journey Lapse {
				  entry on order -> First
				  phases new, lapsing
				  event order { amount: decimal }
				  stage First (new) { on order -> First  after 45 days -> Lapsing }
				  stage Lapsing (lapsing) { on order -> First }
				  stage Odd { }
				  campaign Remind in Lapsing {
				    every 30 days
				    cap 1 per 7 days
				    rule "Miss you" otherwise then send email "we_miss_you"
				  }
				  test "reminded every month" {
				    given customer
				    at 09:30
				    on order with amount = 10
				    expect stage First
				    after 45 days
				    expect stage Lapsing
				    expect send email "we_miss_you"
				    at 2024-05-01 08:00
				    expect no goal
				    expect no capped email "we_miss_you"
				    expect held email "x"
				  }
				}
				""");
		assertEquals(List.of("new", "lapsing"), plan.phases());
		assertEquals("lapsing", plan.stage("Lapsing").phase());
		assertNull(plan.stage("Odd").phase());
		assertEquals(30L * 86_400_000L, plan.campaign("Remind").everyMillis());
		TestCase test = plan.tests().get(0);
		assertNull(test.stage(), "given customer: not in the journey yet");
		assertEquals(9 * 60 + 30, test.timeOfDayMinute());
		assertEquals("order", test.event().event());
		assertEquals(1, test.expectations().size());
		assertEquals(7, test.steps().size());
		assertEquals(new TestCase.After(45L * 86_400_000L, test.steps().get(0) instanceof TestCase.After a ? a.location() : null),
				test.steps().get(0));
		assertEquals("2024-05-01", ((TestCase.At) test.steps().get(3)).date());
		assertEquals(8 * 60, ((TestCase.At) test.steps().get(3)).minuteOfDay());
		TestCase.ExpectDelivery capped = (TestCase.ExpectDelivery) ((TestCase.Expect) test.steps().get(5)).expectation();
		assertTrue(capped.negated());
		assertEquals(TestCase.Delivery.CAPPED, capped.delivery());
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
	}

	@Test
	void tracksTheSyntaxElementOfEachPlanElement() throws Exception {
		Journey journey = parser.parse(CART_RECOVERY);
		var compilation = new JourneyCompiler().compileWithSources(journey);
		Stage carted = compilation.plan().stage("Carted");
		assertEquals("Carted", ((io.itinera.dsl.journey.Stage) compilation.sourceOf(carted)).getName());
		assertTrue(compilation.sourceOf(carted.transitions().get(1)) instanceof io.itinera.dsl.journey.TimerTransition);
	}
}
