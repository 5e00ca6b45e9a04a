package io.itinera.dsl.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.dsl.validation.JourneyIssueCodes;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every feature kind over number, text and yes/no fields, end to end: what `check` accepts
 * compiles to DRL and to condition trees that run (the journey's own tests, on a real Drools
 * KieBase, through the step function); what it refuses is a diagnostic with a code.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class FeatureKindsTest {
	static final String JOURNEY = """
			journey Kinds {
			  entry on order -> Buying
			  event order { invoice: string  amount: decimal  qty: int  gift: boolean }
			  event visit { }
			  feature orders      = count(order)
			  feature spent       = sum(order.amount)
			  feature avgQty      = avg(order.qty)
			  feature smallest    = min(order.amount) over 30 days
			  feature biggest     = max(order.qty) since last visit
			  feature lastInvoice = last(order.invoice)
			  feature lastAmount  = last(order.amount)
			  feature lastGift    = last(order.gift) over 7 days
			  feature idle        = days since last order
			  feature tenure      = days since first order
			  feature gap         = days since previous order
			  feature invoices    = last 3 order.invoice
			  feature amounts     = last 3 order.amount
			  feature gifts       = last 3 order.gift

			  stage Buying { on order if lastInvoice == "i2" and gap >= 10 days and lastGift -> Second }
			  stage Second { on order if lastAmount < -1 and lastAmount in [-2.5, 5] -> Refunded }
			  stage Refunded { }

			  campaign Count in Buying, Second { rule "r" when orders == 2 then tag "count" }
			  campaign Sum in Buying, Second { rule "r" when spent == 30 then tag "sum" }
			  campaign Avg in Buying, Second { rule "r" when avgQty == 2 then tag "avg" }
			  campaign Min in Buying, Second { rule "r" when smallest < 15 then tag "min" }
			  campaign Max in Buying, Second { rule "r" when biggest >= 3 then tag "max" }
			  campaign LastText in Buying, Second {
			    rule "r" when lastInvoice == "i2" and lastInvoice != "i1" and lastInvoice in ["i2", "i3"] then tag "last_text"
			  }
			  campaign LastNumber in Buying, Second { rule "r" when lastAmount == 20 and lastAmount > -10 then tag "last_number" }
			  campaign LastFlag in Buying, Second { rule "r" when lastGift and lastGift == true then tag "last_flag" }
			  campaign Idle in Buying, Second { rule "r" when idle == 0 days then tag "idle" }
			  campaign Tenure in Buying, Second { rule "r" when tenure == 10 days then tag "tenure" }
			  campaign Gap in Buying, Second { rule "r" when gap >= 10 days and gap < 11 days then tag "gap" }
			  campaign Sequence in Buying, Second { rule "r" when invoices == 2 and amounts == 2 and gifts == 2 then tag "sequence" }
			  campaign Thanks in Second {
			    cap 1 per 30 days
			    rule "r" when lastInvoice == "i2" then send email "thanks" with invoice = lastInvoice, gift = lastGift
			  }

			  test "every kind of feature over number, text and yes/no fields" {
			    given customer
			    on order with invoice = "i1", amount = 10, qty = 1, gift = false
			    expect stage Buying
			    expect no tag "last_text"
			    expect no tag "gap"
			    after 10 days
			    on order with invoice = "i2", amount = 20, qty = 3, gift = true
			    expect stage Second
			    expect send email "thanks"
			    expect tag "count"
			    expect tag "sum"
			    expect tag "avg"
			    expect tag "min"
			    expect tag "max"
			    expect tag "last_text"
			    expect tag "last_number"
			    expect tag "last_flag"
			    expect tag "idle"
			    expect tag "tenure"
			    expect tag "gap"
			    expect tag "sequence"
			  }

			  test "a negative amount in a test and in a condition" {
			    given customer in Second
			    on order with invoice = "r1", amount = -2.5, qty = -1, gift = false
			    expect stage Refunded
			  }

			  test "text, yes/no and idle time given to a test" {
			    given customer in Buying with lastInvoice = "i2", lastGift = true, gap = 10 days
			    expect tag "last_text"
			    expect tag "last_flag"
			    expect tag "gap"
			  }
			}
			""";

	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	@Test
	void whatCheckAcceptsCompilesAndRuns() throws Exception {
		Journey journey = parser.parse(JOURNEY);
		assertNotNull(journey);
		List<Issue> issues = validator.validate(journey);
		assertTrue(issues.stream().noneMatch(i -> i.getSeverity() == Severity.ERROR), issues::toString);
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		List<JourneyTestResult> results = new JourneyTestRunner(plan, DroolsCampaignRules.forPlan(plan)).runAll();
		for (JourneyTestResult result : results) {
			assertTrue(result.passed(), result::report);
		}
		ActionRecord thanks = results.get(0).actions().stream().filter(a -> a.target().equals("thanks")).findFirst().orElseThrow();
		assertEquals("i2", thanks.params().get("invoice"), thanks::toString);
		assertEquals("true", String.valueOf(thanks.params().get("gift")), thanks::toString);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"sum(order.invoice)                     | | " + JourneyIssueCodes.NON_NUMERIC_AGGREGATE,
			"avg(order.gift)                        | | " + JourneyIssueCodes.NON_NUMERIC_AGGREGATE,
			"min(order.invoice) over 7 days         | | " + JourneyIssueCodes.NON_NUMERIC_AGGREGATE,
			"max(order.gift)                        | | " + JourneyIssueCodes.NON_NUMERIC_AGGREGATE,
			"count(order.amount)                    | | " + JourneyIssueCodes.AGGREGATE_NEEDS_FIELD,
			"last(order)                            | | " + JourneyIssueCodes.AGGREGATE_NEEDS_FIELD,
			"last(order.invoice)                    | f > 3 | " + JourneyIssueCodes.TYPE_MISMATCH,
			"last(order.invoice)                    | f == 3 | " + JourneyIssueCodes.TYPE_MISMATCH,
			"last(order.invoice)                    | f == true | " + JourneyIssueCodes.TYPE_MISMATCH,
			"last(order.gift)                       | f == \"yes\" | " + JourneyIssueCodes.TYPE_MISMATCH,
			"last(order.gift)                       | f > 0 | " + JourneyIssueCodes.TYPE_MISMATCH,
			"last(order.amount)                     | f == \"10\" | " + JourneyIssueCodes.TYPE_MISMATCH,
			"days since previous order              | f > 3 | " + JourneyIssueCodes.TYPE_MISMATCH,
			"last 3 order.invoice                   | f == \"i1\" | " + JourneyIssueCodes.TYPE_MISMATCH,
			"last(order.invoice) over 7 days        | f in [1] | " + JourneyIssueCodes.TYPE_MISMATCH,
	})
	void whatCheckRefusesIsADiagnostic(String definition, String condition, String code) throws Exception {
		String rule = condition == null ? "" : "campaign C in Buying { rule \"r\" when " + condition + " then tag \"t\" }";
		Journey journey = parser.parse("""
				journey Refused {
				  entry on order -> Buying
				  event order { invoice: string  amount: decimal  gift: boolean }
				  feature f = %s
				  stage Buying { }
				  %s
				}
				""".formatted(definition, rule));
		assertNotNull(journey);
		List<Issue> errors = validator.validate(journey).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
		assertEquals(List.of(code), errors.stream().map(Issue::getCode).collect(Collectors.toList()), errors::toString);
		assertTrue(errors.get(0).getMessage().length() > 30, errors.get(0)::getMessage);
	}

	@Test
	void aTextFeatureIsNoModelInput() throws Exception {
		Journey journey = parser.parse("""
				journey Refused {
				  entry on order -> Buying
				  event order { invoice: string }
				  feature f = last(order.invoice)
				  model m "models/m.onnx" { inputs f output p }
				  stage Buying { when m > 0.5 -> Done }
				  stage Done { }
				}
				""");
		assertTrue(validator.validate(journey).stream().anyMatch(i -> JourneyIssueCodes.MODEL_INPUT_NOT_NUMERIC.equals(i.getCode())),
				() -> validator.validate(journey).toString());
	}
}
