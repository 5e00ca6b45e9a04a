package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import java.util.List;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** `0 …` where it means something, and a message that says why where it does not. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class DurationValidationTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	private List<Issue> durationIssues(String reentry, String transition, String condition) throws Exception {
		Journey journey = parser.parse("""
				journey Zero {
				  entry on order -> Active
				  %s
				  event order { }
				  feature idle = days since last order
				  stage Active { %s }
				  stage Done { on order if %s -> Active }
				  test "time stays" {
				    given customer with idle = 0 days
				    after 0 minutes
				    on order
				    expect stage Active
				  }
				}
				""".formatted(reentry, transition, condition));
		return validator.validate(journey).stream().filter(i -> JourneyIssueCodes.NON_POSITIVE_DURATION.equals(i.getCode())).toList();
	}

	@Test
	void zeroIsAcceptedWhereItMeansSomething() throws Exception {
		assertEquals(List.of(), durationIssues("reentry after 0 days", "after 1 day -> Done", "idle > 0 days"));
	}

	@Test
	void aZeroTimerSaysWhyAndWhatToWrite() throws Exception {
		List<Issue> issues = durationIssues("", "after 0 minutes -> Done", "idle > 1 day");
		assertEquals(1, issues.size(), issues::toString);
		assertTrue(issues.get(0).getMessage().contains("a timer fires a while after the customer entered the stage"),
				issues.get(0)::getMessage);
		assertTrue(issues.get(0).getMessage().contains("`1 minute`"), issues.get(0)::getMessage);
	}
}
