package io.itinera.runtime.testing;

import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.TestCase;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.StepResult;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a journey's own tests through the real step function and rules. The customer is placed in
 * the given stage with the given attributes, feature values and scores, on a fixed day at the
 * given time of day (noon when none) in their {@code timezone} (UTC when none), in the tested arm
 * of every split (the first campaign arm; the holdout for a holdout customer). With no event the
 * stage's campaign rules run as on entering it; with an event the step function handles it.
 */
public final class JourneyTestRunner {
	/** A Monday; tests do not depend on the date, only on the time of day. */
	private static final LocalDate TEST_DAY = LocalDate.of(2024, 1, 15);
	private static final int NOON = 12 * 60;
	private static final int CUSTOMER_SEARCH_LIMIT = 100_000;

	private final JourneyPlan plan;
	private final PlanStep step;

	public JourneyTestRunner(JourneyPlan plan, CampaignRules rules) {
		this.plan = plan;
		this.step = new PlanStep(plan, rules);
	}

	public List<JourneyTestResult> runAll() {
		List<JourneyTestResult> results = new ArrayList<>();
		for (TestCase test : plan.tests()) {
			results.add(run(test));
		}
		return results;
	}

	public JourneyTestResult run(TestCase test) {
		Map<String, Object> attributes = new HashMap<>();
		for (TestCase.Given given : test.givens()) {
			if (given.kind() == TestCase.SymbolKind.ATTRIBUTE) {
				attributes.put(given.name(), attributeValue(given.name(), given.value()));
			}
		}
		String customerId = customerInArms(test);
		long at = instantOf(test, attributes.get("timezone"));
		CustomerState state = step.initialState(customerId);
		for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
			step.setAttribute(state, attribute.getKey(), attribute.getValue());
		}
		for (TestCase.Given given : test.givens()) {
			if (given.kind() == TestCase.SymbolKind.FEATURE) {
				step.seedFeature(state, given.name(), number(given.value()), at);
			} else if (given.kind() == TestCase.SymbolKind.SCORE) {
				step.setScore(state, given.name(), number(given.value()));
			}
		}
		step.placeInStage(state, test.stage(), at - 1);
		StepResult result = test.event() == null ? step.runRulesAsOnEntry(state, at)
				: step.applyInPlace(state, new Event(customerId, at, test.event().event(), fields(test.event())));
		String stage = state.stage();
		List<String> unmet = new ArrayList<>();
		for (TestCase.Expectation expectation : test.expectations()) {
			String failure = check(expectation, result.actions(), stage);
			if (failure != null) {
				unmet.add(failure);
			}
		}
		return new JourneyTestResult(test, unmet, result.actions(), stage, result.deliveryNotices());
	}

	/** Null when it holds, else the expectation in words. */
	private static String check(TestCase.Expectation expectation, List<ActionRecord> actions, String stage) {
		if (expectation instanceof TestCase.ExpectSend send) {
			String channel = send.channel().name().toLowerCase(Locale.ROOT);
			boolean sent = actions.stream().anyMatch(a -> a.kind().equals("send") && channel.equalsIgnoreCase(a.channel())
					&& a.target().equals(send.template()));
			String words = "send " + channel + " \"" + send.template() + "\"";
			return sent == !send.negated() ? null : send.negated() ? "no " + words : words;
		}
		if (expectation instanceof TestCase.ExpectTag tag) {
			boolean tagged = actions.stream().anyMatch(a -> a.kind().equals("tag") && a.target().equals(tag.tag()));
			String words = "tag \"" + tag.tag() + "\"";
			return tagged == !tag.negated() ? null : tag.negated() ? "no " + words : words;
		}
		if (expectation instanceof TestCase.ExpectStage expected) {
			return expected.stage().equals(stage) ? null : "stage " + expected.stage();
		}
		return actions.isEmpty() ? null : "nothing sent";
	}

	/** A customer id whose arm is the tested one in every split (the holdout for a holdout test). */
	private String customerInArms(TestCase test) {
		boolean holdout = test.holdout();
		for (int i = 0; i < CUSTOMER_SEARCH_LIMIT; i++) {
			String id = "test-customer-" + i;
			Map<String, String> arms = step.splitArms(id);
			boolean fits = true;
			for (Split split : plan.splits()) {
				if (!arms.get(split.name()).equals(wantedArm(split, holdout))) {
					fits = false;
					break;
				}
			}
			if (fits) {
				return id;
			}
		}
		throw new IllegalStateException(test.location() + ": no customer id falls in the wanted arm of every split");
	}

	private static String wantedArm(Split split, boolean holdout) {
		for (Split.Arm arm : split.arms()) {
			if (arm.holdout() == holdout) {
				return arm.label();
			}
		}
		return split.arms().get(0).label();
	}

	private static long instantOf(TestCase test, Object timezone) {
		int minute = test.timeOfDayMinute() == null ? NOON : test.timeOfDayMinute();
		ZoneId zone = ZoneOffset.UTC;
		if (timezone instanceof String name) {
			try {
				zone = ZoneId.of(name);
			} catch (DateTimeException e) {
				zone = ZoneOffset.UTC;
			}
		}
		return TEST_DAY.atTime(LocalTime.of(minute / 60, minute % 60)).atZone(zone).toInstant().toEpochMilli();
	}

	private Object attributeValue(String name, Expr value) {
		ValueType type = plan.attributes().stream().filter(a -> a.name().equals(name)).map(Attribute::type).findFirst()
				.orElse(null);
		return typed(type, value);
	}

	private Map<String, Object> fields(TestCase.TestEvent event) {
		EventType type = plan.event(event.event());
		Map<String, Object> fields = new HashMap<>();
		for (TestCase.FieldValue value : event.values()) {
			FieldDecl field = type == null ? null : type.field(value.field());
			fields.put(value.field(), typed(field == null ? null : field.type(), value.value()));
		}
		return fields;
	}

	/** A literal as the runtime carries values: String, Double, Long or Boolean. */
	private static Object typed(ValueType type, Expr value) {
		if (value instanceof Expr.StringLit s) {
			return s.value();
		}
		if (value instanceof Expr.BooleanLit b) {
			return b.value();
		}
		double number = number(value);
		return type == ValueType.INT ? (Object) Math.round(number) : (Object) number;
	}

	private static double number(Expr value) {
		if (value instanceof Expr.NumberLit n) {
			return n.value();
		}
		if (value instanceof Expr.DurationLit d) {
			return d.millis() / 86_400_000d; // durations are given to recency features, which count days
		}
		if (value instanceof Expr.Negate n) {
			return -number(n.operand());
		}
		throw new IllegalArgumentException(value.location() + ": a test value must be a number, text, true/false or a duration");
	}
}
