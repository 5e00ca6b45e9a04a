package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A journey's own unit test: a customer in {@code stage} with given values, at an optional time
 * of day (minutes, null when absent), an optional event, and what must follow. {@code holdout}:
 * the customer is in the holdout arm of the splits ({@code given holdout customer}), else in the
 * tested arm.
 */
public record TestCase(String title, String stage, List<Given> givens, Integer timeOfDayMinute, TestEvent event,
		List<Expectation> expectations, SourceLocation location, boolean holdout) {
	public TestCase {
		givens = List.copyOf(givens);
		expectations = List.copyOf(expectations);
	}

	/** A test of a customer in the tested arm of every split. */
	public TestCase(String title, String stage, List<Given> givens, Integer timeOfDayMinute, TestEvent event,
			List<Expectation> expectations, SourceLocation location) {
		this(title, stage, givens, timeOfDayMinute, event, expectations, location, false);
	}

	public enum SymbolKind {
		ATTRIBUTE, FEATURE, SCORE
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
			@JsonSubTypes.Type(value = ExpectNothing.class, name = "nothing") })
	public sealed interface Expectation {
		SourceLocation location();
	}

	public record ExpectSend(boolean negated, Channel channel, String template, SourceLocation location)
			implements Expectation {
	}

	public record ExpectStage(String stage, SourceLocation location) implements Expectation {
	}

	public record ExpectTag(boolean negated, String tag, SourceLocation location) implements Expectation {
	}

	public record ExpectNothing(SourceLocation location) implements Expectation {
	}
}
