package io.itinera.dsl.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StepListener;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.OnnxScorerProvider;
import io.itinera.runtime.scoring.ScorerOptions;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journey with a real ONNX recommender (known weights, through DJL), run by the step driver as
 * hosts run it: sends carry the items, exclusions apply, scoring happens only when the sequence
 * changed, and the batch size never changes what is sent.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class RecommenderJourneyTest {
	/** Index 0 is padding; a..d are 1..4; after b the best next items are d (0.95), a (0.65), c (0.35). */
	private static final float[][] TRANSITIONS = {
			{0.00f, 0.70f, 0.60f, 0.50f, 0.40f},
			{0.90f, 0.10f, 0.80f, 0.50f, 0.30f},
			{0.05f, 0.65f, 0.15f, 0.35f, 0.95f},
			{0.01f, 0.20f, 0.30f, 0.02f, 0.40f},
			{0.03f, 0.45f, 0.25f, 0.85f, 0.04f}};
	private static final long HOUR = 3_600_000L;
	private static final long T0 = 1_700_000_000_000L;

	static final String JOURNEY = """
			journey Picks {
			  entry on product_view -> Browsing
			  event product_view { itemId: string }
			  event cart_add { itemId: string }
			  feature recentItems = last 4 product_view.itemId
			  model nextItems "models/next.onnx" {
			    inputs recentItems
			    vocabulary "models/items.txt"
			    output items[3], scores[3]
			    except cart_add.itemId
			  }
			  stage Browsing (consideration) { after 1 hour -> Nudged }
			  stage Nudged (consideration) { }
			  campaign Suggest in Nudged {
			    rule "Strong picks" when nextItems.score(1) > 0.6
			      then send email "picks" with items = nextItems.items(2)
			    rule "Browse more" otherwise then send push "browse_more"
			  }
			  test "given strong recommendations, an hour later the picks go out" {
			    given customer in Browsing with nextItems = ["x" 0.9, "y" 0.5, "z" 0.1]
			    after 1 hour
			    expect send email "picks"
			  }
			  test "given weak ones, a nudge to browse" {
			    given customer in Browsing with nextItems = ["x" 0.2]
			    after 1 hour
			    expect send push "browse_more"
			  }
			}
			""";

	@Inject
	ParseHelper<Journey> parser;

	@TempDir
	Path dir;

	private JourneyPlan plan;
	private CampaignRules rules;

	@BeforeEach
	void compile() throws Exception {
		OnnxTestModels.lastItemRecommender(dir.resolve("models/next.onnx"), TRANSITIONS, 4, 3);
		Files.write(dir.resolve("models/items.txt"), List.of("a", "b", "c", "d"));
		Journey journey = parser.parse(JOURNEY);
		assertNotNull(journey);
		assertTrue(journey.eResource().getErrors().isEmpty(), () -> journey.eResource().getErrors().toString());
		plan = new JourneyCompiler().compile(journey);
		assertEquals(2, plan.tests().size(), "both tests compile");
		rules = DroolsCampaignRules.forPlan(plan);
	}

	@Test
	void theJourneysTestsWithGivenRecommendationsPass() {
		for (JourneyTestResult result : new JourneyTestRunner(plan, rules).runAll()) {
			assertTrue(result.passed(), result::report);
		}
	}

	@Test
	void theSendCarriesTheRecommendedItemsLessThoseInTheCart() throws Exception {
		Run run = replay(List.of(
				view("c1", 0, "a"), view("c1", 1, "b"), cart("c1", 2, "d"),
				view("c2", 0, "c"), view("c2", 1, "c"), view("c2", 2, "c")), 256);
		ActionRecord c1 = run.only("c1");
		assertEquals("picks", c1.target());
		assertEquals("a,c", c1.params().get("items"), "d (0.95) was put in the cart; a (0.65) is still above 0.6");
		ActionRecord c2 = run.only("c2");
		assertEquals("browse_more", c2.target(), "after c the best is b at 0.3");
		assertEquals(3, run.rowsScored, "c1 twice, c2 once: repeated views of the same item and cart adds score nothing");
	}

	@Test
	void aBatchRecommendsTheSameAsOneCustomerAtATime() throws Exception {
		Random random = new Random(11);
		List<Event> events = new ArrayList<>();
		String[] items = {"a", "b", "c", "d", "unknown"};
		for (int c = 0; c < 400; c++) {
			int count = 1 + random.nextInt(5);
			for (int e = 0; e < count; e++) {
				String item = items[random.nextInt(items.length)];
				events.add(random.nextInt(4) == 0 ? cart("c" + c, e, item) : view("c" + c, e, item));
			}
		}
		Run batched = replay(events, 256);
		Run single = replay(events, 1);
		assertEquals(single.actionsById(), batched.actionsById(), "customers interleave differently; each gets the same");
		assertTrue(batched.batches < single.batches / 10, batched.batches + " batches vs " + single.batches);
	}

	@Test
	void sequencesAndRecommendationsSurviveTheStateCodec() throws Exception {
		Run run = replay(List.of(view("c1", 0, "a"), view("c1", 1, "b"), cart("c1", 2, "d")), 256);
		CustomerState state = run.states.get("c1");
		CustomerState read = CustomerState.fromBytes(state.toBytes());
		assertEquals(state, read);
		assertTrue(read.recommendation(0) != null && read.recommendation(0).items().contains("d"));
		String json = PlanJson.write(plan);
		JourneyPlan readPlan = PlanJson.read(json);
		assertEquals(json, PlanJson.write(readPlan), "the plan's recommender survives JSON");
		assertEquals(plan.model("nextItems").recommender(), readPlan.model("nextItems").recommender());
		assertEquals(plan.features(), readPlan.features());
	}

	private static Event view(String customer, int minute, String item) {
		return new Event(customer, T0 + minute * 60_000L, "product_view", Map.of("itemId", item));
	}

	private static Event cart(String customer, int minute, String item) {
		return new Event(customer, T0 + minute * 60_000L, "cart_add", Map.of("itemId", item));
	}

	private Run replay(List<Event> events, int batch) throws Exception {
		Run run = new Run();
		try (OnnxScorer scorer = OnnxScorer.forModels(OnnxScorerProvider.specs(plan), dir, ScorerOptions.defaults())) {
			StepDriver driver = new StepDriver(new PlanStep(plan, rules), DriverSettings.replay().withScoring(batch, 2_000),
					scorer, io.itinera.runtime.driver.StoredCustomers.NONE, run);
			long line = 0;
			for (Event event : events) {
				driver.onEvent(event, ++line);
			}
			driver.finish(T0 + 2 * HOUR);
			run.rowsScored = driver.rowsScored();
			run.batches = driver.scoreBatches();
			for (CustomerSlot slot : driver.customers()) {
				run.states.put(slot.customerId(), slot.state());
			}
		}
		return run;
	}

	private static final class Run implements StepListener {
		final List<ActionRecord> actions = new ArrayList<>();
		final Map<String, CustomerState> states = new java.util.HashMap<>();
		long rowsScored;
		long batches;

		@Override
		public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
			actions.addAll(result.actions());
		}

		@Override
		public void onLateEvent(Event event, long line, long customerClock, long lateness) {
			throw new AssertionError("late " + event);
		}

		@Override
		public void onFailedInput(StepInput input, long line, RuntimeException error) {
			throw new AssertionError("failed on " + input, error);
		}

		List<ActionRecord> actionsById() {
			return actions.stream().sorted(java.util.Comparator.comparing(ActionRecord::id)).toList();
		}

		ActionRecord only(String customer) {
			List<ActionRecord> mine = actions.stream().filter(a -> a.customerId().equals(customer)).toList();
			assertEquals(1, mine.size(), () -> customer + ": " + mine);
			return mine.get(0);
		}
	}
}
