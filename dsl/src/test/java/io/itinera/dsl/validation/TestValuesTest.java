package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.TestCase;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Negative numbers in tests and lists; `0 - 1` is one error, not a parse error that derails the file. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class TestValuesTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	private static final String JOURNEY = """
			journey Refunds {
			  entry on order -> FirstOrder
			  customer { balance: decimal }
			  event order { quantity: int }
			  stage FirstOrder { on order if order.quantity in [-1, -2] and balance > -10 -> Refund }
			  stage Refund { }
			  test "a refund" {
			    given customer with balance = %s
			    on order with quantity = 1
			    on order with quantity = %s
			    expect stage Refund
			  }
			}
			""";

	@Test
	void negativeNumbersParseInTestsListsAndConditions() throws Exception {
		Journey journey = parser.parse(JOURNEY.formatted("-2.5", "-1"));
		assertEquals(List.of(), journey.eResource().getErrors());
		assertEquals(List.of(), validator.validate(journey));
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		TestCase test = plan.tests().get(0);
		Expr given = test.givens().get(0).value();
		assertTrue(given instanceof Expr.Negate negate && negate.operand() instanceof Expr.NumberLit number && number.value() == 2.5,
				given::toString);
	}

	@Test
	void aCalculationIsOneErrorThatSaysWhatToWrite() throws Exception {
		Journey journey = parser.parse(JOURNEY.formatted("-5", "0 - 1"));
		assertEquals(List.of(), journey.eResource().getErrors(), "it parses");
		List<Issue> errors = validator.validate(journey).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
		assertEquals(1, errors.size(), errors::toString);
		assertEquals(JourneyIssueCodes.TEST_EVENT_FIELD, errors.get(0).getCode());
		assertTrue(errors.get(0).getMessage().contains("not a calculation") && errors.get(0).getMessage().contains("`-1`"),
				errors.get(0)::getMessage);
	}
}
