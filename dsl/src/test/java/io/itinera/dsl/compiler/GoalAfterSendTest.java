package io.itinera.dsl.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.plan.Goal;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code goal E within D after send} and {@code within D, D2 after send}: the window after a message, in the plan. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class GoalAfterSendTest {
	private static final long DAY = 86_400_000L;

	@Inject
	ParseHelper<Journey> parser;

	private Goal goal(String goal) throws Exception {
		return plan(goal).goal();
	}

	private JourneyPlan plan(String goal) throws Exception {
		Journey journey = parser.parse("""
				journey Winback {
				  entry on order -> Active
				  %s value amount
				  event order { amount: decimal }
				  stage Active { }
				}
				""".formatted(goal));
		assertTrue(journey.eResource().getErrors().isEmpty(), journey.eResource().getErrors().toString());
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
		assertEquals("amount", plan.goal().valueField());
		return plan;
	}

	@Test
	void oneWindowAfterSendIsTheVisitsWindowToo() throws Exception {
		Goal goal = goal("goal order within 30 days after send");
		assertEquals(30 * DAY, goal.windowMillis());
		assertEquals(30 * DAY, (long) goal.afterSendMillis());
		assertEquals(30 * DAY, goal.attributionMillis());
	}

	@Test
	void theVisitAndTheMessageMayHaveTheirOwnWindows() throws Exception {
		Goal goal = goal("goal order if order.amount > 0 within 180 days, 14 days after send");
		assertEquals(180 * DAY, goal.windowMillis());
		assertEquals(14 * DAY, (long) goal.afterSendMillis());
		assertEquals(14 * DAY, goal.attributionMillis());
	}

	@Test
	void withoutAfterSendTheGoalWindowServesAndPlansWrittenBeforeReadTheSame() throws Exception {
		JourneyPlan plan = plan("goal order within 7 days");
		assertEquals(null, plan.goal().afterSendMillis());
		assertEquals(7 * DAY, plan.goal().attributionMillis());
		String json = PlanJson.write(plan);
		assertTrue(!json.contains("afterSendMillis"), "not written when absent, as before: " + json);
		assertTrue(PlanJson.write(plan("goal order within 7 days after send")).contains("\"afterSendMillis\" : 604800000"));
	}

	@Test
	void aChangedWindowAfterSendIsAChangeOfTheGoal() throws Exception {
		Journey before = parser.parse("journey W { entry on order -> A  goal order within 7 days  event order { }  stage A { } }");
		Journey after = parser.parse(
				"journey W { entry on order -> A  goal order within 7 days, 30 days after send  event order { }  stage A { } }");
		var changes = PlanDiff.between(new JourneyCompiler().compile(before), new JourneyCompiler().compile(after));
		assertEquals(1, changes.size(), changes.toString());
		assertTrue(changes.get(0).description().endsWith("within 7 days, 30 days after send"), changes.get(0).description());
	}
}
