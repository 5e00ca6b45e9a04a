package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * A journey's own unit test: a customer in {@code stage} (null: not in the journey yet) with given
 * values, at an optional time of day (minutes, null when absent), an optional event, and what must
 * follow; then any further {@code steps} (time moving on, more events, more expectations), in
 * order. {@code holdout}: the customer is in the holdout arm of the splits ({@code given holdout
 * customer}), else in the tested arm. {@code armWeights}: the weights learning splits hand the step
 * ({@code given arm weights A 20%, B 80%}); the customer's arm of such a split is then the one those
 * weights give, not the tested one.
 */
public record TestCase(String title, String stage, List<Given> givens, Integer timeOfDayMinute, TestEvent event,
		List<Expectation> expectations, SourceLocation location, boolean holdout, List<Step> steps, List<ArmWeight> armWeights) {
	public TestCase {
		givens = List.copyOf(givens);
		expectations = List.copyOf(expectations);
		steps = steps == null ? List.of() : List.copyOf(steps);
		armWeights = armWeights == null ? List.of() : List.copyOf(armWeights);
	}

	/** A test without given arm weights. */
	public TestCase(String title, String stage, List<Given> givens, Integer timeOfDayMinute, TestEvent event,
			List<Expectation> expectations, SourceLocation location, boolean holdout, List<Step> steps) {
		this(title, stage, givens, timeOfDayMinute, event, expectations, location, holdout, steps, List.of());
	}

	/** {@code campaign percent%} in {@code given arm weights}. */
	public record ArmWeight(String campaign, int percent, SourceLocation location) {
	}

	/** A one-step test. */
	public TestCase(String title, String stage, List<Given> givens, Integer timeOfDayMinute, TestEvent event,
			List<Expectation> expectations, SourceLocation location, boolean holdout) {
		this(title, stage, givens, timeOfDayMinute, event, expectations, location, holdout, List.of());
	}

	/** A one-step test of a customer in the tested arm of every split. */
	public TestCase(String title, String stage, List<Given> givens, Integer timeOfDayMinute, TestEvent event,
			List<Expectation> expectations, SourceLocation location) {
		this(title, stage, givens, timeOfDayMinute, event, expectations, location, false);
	}

	/** What a test does after its first event and expectations. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
	@JsonSubTypes({
			@JsonSubTypes.Type(value = At.class, name = "at"),
			@JsonSubTypes.Type(value = After.class, name = "after"),
			@JsonSubTypes.Type(value = On.class, name = "on"),
			@JsonSubTypes.Type(value = Expect.class, name = "expect") })
	public sealed interface Step {
	}

	/**
	 * Time moves on to a moment in the customer's time zone: {@code date} (ISO yyyy-MM-dd) at the
	 * minute of the day, or, without a date, the next time the clock shows that minute (now if it does).
	 */
	public record At(String date, int minuteOfDay, SourceLocation location) implements Step {
	}

	/** Time moves on by {@code millis}. */
	public record After(long millis, SourceLocation location) implements Step {
	}

	/** The customer does something, now. */
	public record On(TestEvent event) implements Step {
	}

	/** What must have followed from the steps since the last expectation's predecessor (see the runner). */
	public record Expect(Expectation expectation) implements Step {
	}

	public enum SymbolKind {
		ATTRIBUTE, FEATURE, SCORE,
		/** A recommender's items (and scores), given as an {@link Expr.ItemsLit}. */
		RECOMMENDATIONS
	}

	/** {@code name = value} for a customer attribute, a feature or a model score. */
	public record Given(SymbolKind kind, String name, Expr value, SourceLocation location) {
	}

	public record TestEvent(String event, List<FieldValue> values, SourceLocation location) {
		public TestEvent {
			values = List.copyOf(values);
		}
	}

	public record FieldValue(String field, Expr value, SourceLocation location) {
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({
			@JsonSubTypes.Type(value = ExpectSend.class, name = "send"),
			@JsonSubTypes.Type(value = ExpectStage.class, name = "stage"),
			@JsonSubTypes.Type(value = ExpectTag.class, name = "tag"),
			@JsonSubTypes.Type(value = ExpectNothing.class, name = "nothing"),
			@JsonSubTypes.Type(value = ExpectDelivery.class, name = "delivery"),
			@JsonSubTypes.Type(value = ExpectGoal.class, name = "goal"),
			@JsonSubTypes.Type(value = ExpectArm.class, name = "arm"),
			@JsonSubTypes.Type(value = InJourney.class, name = "inJourney") })
	public sealed interface Expectation {
		SourceLocation location();
	}

	/**
	 * {@code atMinute}: {@code expect send at HH:MM …}, the minute of the day it went out in the customer's zone; null: any time.
	 * {@code params}: {@code … with coupon = "SAVE10"}, params the send must carry with these values; empty: any.
	 */
	public record ExpectSend(boolean negated, Channel channel, String template, SourceLocation location, Integer atMinute,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> params) implements Expectation {
		public ExpectSend {
			params = params == null ? Map.of() : Map.copyOf(params);
		}

		public ExpectSend(boolean negated, Channel channel, String template, SourceLocation location, Integer atMinute) {
			this(negated, channel, template, location, atMinute, Map.of());
		}

		public ExpectSend(boolean negated, Channel channel, String template, SourceLocation location) {
			this(negated, channel, template, location, null);
		}
	}

	public record ExpectStage(String stage, SourceLocation location) implements Expectation {
	}

	public record ExpectTag(boolean negated, String tag, SourceLocation location) implements Expectation {
	}

	public record ExpectNothing(SourceLocation location) implements Expectation {
	}

	/**
	 * What happened to a message instead of going out: {@code capped} (a cap suppressed it) or {@code held} (quiet hours);
	 * in a workspace's tests also why a shared cap stopped it.
	 */
	public record ExpectDelivery(boolean negated, Delivery delivery, Channel channel, String template, SourceLocation location)
			implements Expectation {
	}

	public enum Delivery {
		CAPPED, HELD,
		/** A workspace cap was full (not a campaign's own). */
		CAPPED_BY_WORKSPACE,
		/** A higher-priority journey took the shared cap's last slot in the same step. */
		LOST_TO_PRIORITY,
		/** As {@link #LOST_TO_PRIORITY}, and its journey holds it until the cap has room ({@code on conflict hold}). */
		HELD_BY_PRIORITY,
		/** The customer has not consented to the send's topic ({@code expect no send … because not subscribed}). */
		NOT_SUBSCRIBED
	}

	/** The journey's goal was reached (or, negated, was not). */
	public record ExpectGoal(boolean negated, SourceLocation location) implements Expectation {
	}

	/** The customer's arm of the split that has {@code campaign} is that campaign ({@code expect arm C}). */
	public record ExpectArm(String campaign, SourceLocation location) implements Expectation {
	}

	/**
	 * A workspace test's expectation about one of its journeys: {@code expectation} read over that
	 * journey's messages, notices and goals, and its stage.
	 */
	public record InJourney(String journey, Expectation expectation) implements Expectation {
		@Override
		public SourceLocation location() {
			return expectation.location();
		}
	}
}
