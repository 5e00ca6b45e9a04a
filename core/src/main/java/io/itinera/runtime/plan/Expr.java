package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A condition or a value: the typed expression IR of the plan. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
		@JsonSubTypes.Type(value = Expr.NumberLit.class, name = "number"),
		@JsonSubTypes.Type(value = Expr.StringLit.class, name = "string"),
		@JsonSubTypes.Type(value = Expr.BooleanLit.class, name = "boolean"),
		@JsonSubTypes.Type(value = Expr.DurationLit.class, name = "duration"),
		@JsonSubTypes.Type(value = Expr.FeatureRef.class, name = "feature"),
		@JsonSubTypes.Type(value = Expr.AttributeRef.class, name = "attribute"),
		@JsonSubTypes.Type(value = Expr.ScoreRef.class, name = "score"),
		@JsonSubTypes.Type(value = Expr.EventFieldRef.class, name = "eventField"),
		@JsonSubTypes.Type(value = Expr.Not.class, name = "not"),
		@JsonSubTypes.Type(value = Expr.Negate.class, name = "negate"),
		@JsonSubTypes.Type(value = Expr.Binary.class, name = "binary"),
		@JsonSubTypes.Type(value = Expr.Membership.class, name = "in"),
		@JsonSubTypes.Type(value = Expr.RecommendedItems.class, name = "recommendedItems"),
		@JsonSubTypes.Type(value = Expr.RecommendedScore.class, name = "recommendedScore"),
		@JsonSubTypes.Type(value = Expr.ItemsLit.class, name = "items") })
public sealed interface Expr {
	SourceLocation location();

	record NumberLit(double value, SourceLocation location) implements Expr {
	}

	record StringLit(String value, SourceLocation location) implements Expr {
	}

	record BooleanLit(boolean value, SourceLocation location) implements Expr {
	}

	/** A duration, kept in milliseconds; conditions evaluate it in days, like recency features. */
	record DurationLit(long millis, SourceLocation location) implements Expr {
	}

	record FeatureRef(String feature, SourceLocation location) implements Expr {
	}

	record AttributeRef(String attribute, SourceLocation location) implements Expr {
	}

	/** The latest score of a model. */
	record ScoreRef(String model, SourceLocation location) implements Expr {
	}

	/** A field of the event being handled: {@code event.field}. */
	record EventFieldRef(String event, String field, SourceLocation location) implements Expr {
	}

	/** {@code model.items(n)}: the recommender's first {@code count} items (fewer when it has fewer), a list. */
	record RecommendedItems(String model, int count, SourceLocation location) implements Expr {
	}

	/** {@code model.score(r)}: the score of the recommender's item at rank {@code rank} (1 = best); NaN when none. */
	record RecommendedScore(String model, int rank, SourceLocation location) implements Expr {
	}

	/** Items in rank order with their scores (NaN where not given): a test's given recommendations. */
	record ItemsLit(List<String> items, List<Double> scores, SourceLocation location) implements Expr {
		public ItemsLit {
			items = List.copyOf(items);
			scores = List.copyOf(scores);
		}
	}

	record Not(Expr operand, SourceLocation location) implements Expr {
	}

	record Negate(Expr operand, SourceLocation location) implements Expr {
	}

	record Binary(BinaryOp op, Expr left, Expr right, SourceLocation location) implements Expr {
	}

	/** {@code element [not] in [candidates]}. */
	record Membership(Expr element, boolean negated, List<Expr> candidates, SourceLocation location)
			implements Expr {
		public Membership {
			candidates = List.copyOf(candidates);
		}
	}

	enum BinaryOp {
		OR("or"), AND("and"), GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!="), ADD("+"), SUB("-"),
		MUL("*"), DIV("/");

		private final String symbol;

		BinaryOp(String symbol) {
			this.symbol = symbol;
		}

		public String symbol() {
			return symbol;
		}

		public boolean isComparison() {
			return this == GT || this == GE || this == LT || this == LE || this == EQ || this == NE;
		}

		public boolean isLogical() {
			return this == AND || this == OR;
		}

		public static BinaryOp ofSymbol(String symbol) {
			for (BinaryOp op : values()) {
				if (op.symbol.equals(symbol)) {
					return op;
				}
			}
			throw new IllegalArgumentException("unknown operator " + symbol);
		}
	}
}
