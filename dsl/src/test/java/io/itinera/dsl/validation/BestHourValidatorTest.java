package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.plan.TestCase;
import java.util.List;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code send … at best hour} and {@code expect send at HH:MM}: what the editor says, what the plan carries. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class BestHourValidatorTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validation;

	private Journey journey(String events, String send, String expectation) throws Exception {
		return parser.parse("""
				journey Tips {
				  entry on signup -> Member
				  event signup { }
				  %s
				  stage Member { }
				  campaign Tips in Member {
				    rule "Tip" otherwise then send email "tip" %s
				  }
				  test "t" {
				    given customer
				    on signup
				    %s
				  }
				}
				""".formatted(events, send, expectation));
	}

	private List<Issue> errors(Journey journey) {
		return validation.validate(journey).stream().filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR)
				.toList();
	}

	@Test
	void theDefaultsGoIntoThePlan() throws Exception {
		Journey journey = journey("event open { }  event click { }", "at best hour fallback 10:30", "expect send at 10:30 email \"tip\"");
		assertEquals(List.of(), errors(journey));
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		Action.Send send = (Action.Send) plan.campaigns().get(0).rules().get(0).actions().get(0);
		assertEquals(List.of("open", "click"), send.bestHour().engagementEvents());
		assertEquals(10 * 60 + 30, send.bestHour().fallbackMinute());
		assertEquals(Action.BestHour.DEFAULT_WITHIN_MILLIS, send.bestHour().withinMillis());
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
		TestCase test = plan.tests().get(0);
		java.util.List<TestCase.Expectation> expectations = new java.util.ArrayList<>(test.expectations());
		test.steps().stream().filter(TestCase.Expect.class::isInstance).forEach(s -> expectations.add(((TestCase.Expect) s).expectation()));
		TestCase.ExpectSend expected = (TestCase.ExpectSend) expectations.stream().filter(TestCase.ExpectSend.class::isInstance)
				.findFirst().orElseThrow();
		assertEquals(10 * 60 + 30, expected.atMinute());
	}

	@Test
	void fromAndWithinAreTheirs() throws Exception {
		Journey journey = journey("event session { }", "at best hour from session within 6 hours", "expect held email \"tip\"");
		assertEquals(List.of(), errors(journey));
		Action.Send send = (Action.Send) new JourneyCompiler().compile(journey).campaigns().get(0).rules().get(0).actions().get(0);
		assertEquals(List.of("session"), send.bestHour().engagementEvents());
		assertEquals(-1, send.bestHour().fallbackMinute());
		assertEquals(6 * 3_600_000L, send.bestHour().withinMillis());
	}

	@Test
	void withoutEngagementEventsItSaysWhatToDeclare() throws Exception {
		List<Issue> errors = errors(journey("", "at best hour", "expect held email \"tip\""));
		assertEquals(1, errors.size(), errors.toString());
		assertEquals(JourneyIssueCodes.BEST_HOUR_WITHOUT_ENGAGEMENT, errors.get(0).getCode());
		assertTrue(errors.get(0).getMessage().contains("declare an event open or click"), errors.get(0).getMessage());
	}

	@Test
	void aFallbackOrAnExpectedTimeMustBeATimeOfDay() throws Exception {
		List<Issue> errors = errors(journey("event open { }", "at best hour fallback 25:00", "expect held at 10:00 email \"tip\""));
		assertEquals(2, errors.size(), errors.toString());
		assertTrue(errors.stream().allMatch(e -> e.getCode().equals(JourneyIssueCodes.INVALID_TIME_OF_DAY)), errors.toString());
	}
}
