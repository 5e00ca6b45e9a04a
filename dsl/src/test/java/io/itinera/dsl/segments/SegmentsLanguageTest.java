package io.itinera.dsl.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.dsl.validation.JourneyIssueCodes;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Segments in the language: declared, inlined where conditions name them, as triggers in the plan, checked by the validator. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class SegmentsLanguageTest {
	static final String JOURNEY = """
			journey Winback {
			  entry on segment Dormant -> Lapsed
			  reentry after 1 day
			  customer { tier: string }
			  event order { amount: decimal }
			  feature daysSinceOrder = days since last order
			  feature spend90d = sum(order.amount) over 90 days
			  segment Dormant "No order for 60 days" = daysSinceOrder > 60 days
			  segment VIP = spend90d > 200 or tier == "gold"
			  segment QuietVip = segment Dormant and segment VIP
			  stage Lapsed {
			    on leaving segment Dormant -> Back
			    on entering segment VIP -> Back
			  }
			  stage Back { }
			  campaign Nudge in Lapsed {
			    rule "Coupon" when segment QuietVip then send email "coupon"
			    rule "Reminder" otherwise then send email "reminder"
			  }
			  test "a quiet gold customer gets the coupon" {
			    given customer with tier = "gold"
			    on order with amount = 5
			    after 60 days
			    expect nothing
			    after 1 day
			    expect stage Lapsed
			    expect send email "coupon"
			    on order with amount = 5
			    expect stage Back
			  }
			}
			""";

	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	@Test
	void segmentsCompileIntoThePlanInlinedWhereNamedAndTheTestsRun() throws Exception {
		Journey journey = parser.parse(JOURNEY);
		List<Issue> issues = validator.validate(journey);
		assertTrue(issues.stream().noneMatch(i -> i.getSeverity() == Severity.ERROR), issues::toString);
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
		assertEquals(List.of("Dormant", "VIP", "QuietVip"), plan.segments().stream().map(s -> s.name()).toList());
		assertEquals("No order for 60 days", plan.segment("Dormant").title());
		assertEquals("daysSinceOrder > 60 days and (spend90d > 200 or tier == \"gold\")",
				ExprText.of(plan.campaign("Nudge").rules().get(0).condition()));
		assertEquals("Dormant", plan.entry().segment());
		assertNull(plan.entry().event());
		assertEquals(new Transition.OnSegment("Dormant", true, "Back", plan.stage("Lapsed").transitions().get(0).location()),
				plan.stage("Lapsed").transitions().get(0));
		for (JourneyTestResult result : new JourneyTestRunner(plan, DroolsCampaignRules.forPlan(plan)).runAll()) {
			assertTrue(result.passed(), result::report);
		}
	}

	@Test
	void aSegmentThatNamesItselfIsAnError() throws Exception {
		List<Issue> issues = validator.validate(parser.parse(JOURNEY.replace("spend90d > 200 or tier", "not segment QuietVip or tier")));
		List<Issue> cycles = issues.stream().filter(i -> JourneyIssueCodes.SEGMENT_CYCLE.equals(i.getCode())).toList();
		assertEquals(2, cycles.size(), issues::toString);
		assertTrue(cycles.get(0).getMessage().contains("Segment VIP names itself: VIP -> QuietVip -> VIP"), cycles.get(0).getMessage());
	}

	@Test
	void aSegmentReadsNoEventFieldAndAnUnknownOneSaysHowToDeclareIt() throws Exception {
		List<Issue> issues = validator.validate(parser.parse(JOURNEY.replace("spend90d > 200 or", "order.amount > 200 or")
				.replace("on leaving segment Dormant", "on leaving segment Dormnat")));
		assertTrue(issues.stream().anyMatch(i -> JourneyIssueCodes.SEGMENT_READS_EVENT.equals(i.getCode())), issues::toString);
		assertTrue(issues.stream().anyMatch(i -> i.getMessage().startsWith("Unknown segment 'Dormnat'. Declare it with `segment Dormnat")),
				issues::toString);
	}

	@Test
	void diffSaysASegmentChanged() throws Exception {
		JourneyPlan before = new JourneyCompiler().compile(parser.parse(JOURNEY));
		JourneyPlan after = new JourneyCompiler().compile(parser.parse(JOURNEY.replace("> 60 days", "> 90 days")));
		List<io.itinera.runtime.change.PlanChange> changes = io.itinera.runtime.change.PlanDiff.between(before, after);
		assertTrue(changes.stream().anyMatch(c -> c.kind() == io.itinera.runtime.change.PlanChange.Kind.SEGMENT_CHANGED
				&& c.description().equals("segment Dormant: daysSinceOrder > 60 days is now daysSinceOrder > 90 days")), changes::toString);
	}
}
