package io.itinera.runtime.expr;

import io.itinera.runtime.plan.Expr;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Compiles plan expressions to evaluator trees. Names are resolved to indices here, once, so
 * evaluating reads arrays, never maps. A name that does not resolve is a plan error.
 */
public final class ExprCompiler {
	private final ToIntFunction<String> featureIndex;
	private final ToIntFunction<String> modelIndex;
	private final ToIntFunction<String> attributeIndex;

	/** Each resolver returns the declaration's index, or -1 when there is none by that name. */
	public ExprCompiler(ToIntFunction<String> featureIndex, ToIntFunction<String> modelIndex,
			ToIntFunction<String> attributeIndex) {
		this.featureIndex = featureIndex;
		this.modelIndex = modelIndex;
		this.attributeIndex = attributeIndex;
	}

	/** Null in, null out: an absent condition stays absent. */
	public CompiledExpr compile(Expr expr) {
		if (expr == null) {
			return null;
		}
		if (expr instanceof Expr.NumberLit n) {
			return new Constant(n.value());
		}
		if (expr instanceof Expr.StringLit s) {
			return new Constant(s.value());
		}
		if (expr instanceof Expr.BooleanLit b) {
			return new Constant(b.value());
		}
		if (expr instanceof Expr.DurationLit d) {
			// Days, the unit of recency features, which are what durations are compared with.
			return new Constant(d.millis() / 86_400_000d);
		}
		if (expr instanceof Expr.FeatureRef f) {
			return new FeatureValue(resolve(featureIndex, f.feature(), "feature", expr));
		}
		if (expr instanceof Expr.ScoreRef s) {
			return new ScoreValue(resolve(modelIndex, s.model(), "model", expr));
		}
		if (expr instanceof Expr.RecommendedScore r) {
			return new RecommendedScoreValue(resolve(modelIndex, r.model(), "model", expr), r.rank());
		}
		if (expr instanceof Expr.RecommendedItems r) {
			return new RecommendedItemsValue(resolve(modelIndex, r.model(), "model", expr), r.count());
		}
		if (expr instanceof Expr.AttributeRef a) {
			return new AttributeValue(resolve(attributeIndex, a.attribute(), "attribute", expr));
		}
		if (expr instanceof Expr.EventFieldRef e) {
			return new EventFieldValue(e.event(), e.field());
		}
		if (expr instanceof Expr.Not not) {
			return new NotExpr(compile(not.operand()));
		}
		if (expr instanceof Expr.Negate negate) {
			return new NegateExpr(compile(negate.operand()));
		}
		if (expr instanceof Expr.Binary binary) {
			return binary(binary);
		}
		Expr.Membership membership = (Expr.Membership) expr;
		return new MembershipExpr(compile(membership.element()),
				membership.candidates().stream().map(c -> compile(c).value(null)).toArray(), membership.negated());
	}

	private static int resolve(ToIntFunction<String> index, String name, String what, Expr at) {
		int i = index.applyAsInt(name);
		if (i < 0) {
			throw new IllegalArgumentException(at.location() + ": the plan has no " + what + " named " + name);
		}
		return i;
	}

	private CompiledExpr binary(Expr.Binary binary) {
		CompiledExpr left = compile(binary.left());
		CompiledExpr right = compile(binary.right());
		return switch (binary.op()) {
			case AND -> new AndExpr(left, right);
			case OR -> new OrExpr(left, right);
			case EQ -> new EqualsExpr(left, right, false);
			case NE -> new EqualsExpr(left, right, true);
			case GT, GE, LT, LE -> new CompareExpr(binary.op(), left, right);
			case ADD, SUB, MUL, DIV -> new ArithmeticExpr(binary.op(), left, right);
		};
	}

	private static final class Constant extends CompiledExpr {
		private final Object value;
		private final double number;

		Constant(Object value) {
			this.value = value;
			this.number = toNumber(value);
		}

		@Override
		public Object value(EvalContext context) {
			return value;
		}

		@Override
		public double number(EvalContext context) {
			return number;
		}
	}

	private static final class FeatureValue extends CompiledExpr {
		private final int index;

		FeatureValue(int index) {
			this.index = index;
		}

		@Override
		public Object value(EvalContext context) {
			return context.featureValue(index);
		}

		@Override
		public double number(EvalContext context) {
			return context.feature(index);
		}
	}

	private static final class ScoreValue extends CompiledExpr {
		private final int index;

		ScoreValue(int index) {
			this.index = index;
		}

		@Override
		public Object value(EvalContext context) {
			return context.score(index);
		}

		@Override
		public double number(EvalContext context) {
			return context.score(index);
		}
	}

	private static final class RecommendedScoreValue extends CompiledExpr {
		private final int model;
		private final int rank;

		RecommendedScoreValue(int model, int rank) {
			this.model = model;
			this.rank = rank;
		}

		@Override
		public Object value(EvalContext context) {
			return number(context);
		}

		@Override
		public double number(EvalContext context) {
			return context.recommendation(model).scoreAt(rank);
		}
	}

	/** A list of item ids: what a send carries; as a number, how many there are. */
	private static final class RecommendedItemsValue extends CompiledExpr {
		private final int model;
		private final int count;

		RecommendedItemsValue(int model, int count) {
			this.model = model;
			this.count = count;
		}

		@Override
		public Object value(EvalContext context) {
			return context.recommendation(model).top(count);
		}

		@Override
		public double number(EvalContext context) {
			return context.recommendation(model).top(count).size();
		}
	}

	private static final class AttributeValue extends CompiledExpr {
		private final int index;

		AttributeValue(int index) {
			this.index = index;
		}

		@Override
		public Object value(EvalContext context) {
			return context.attribute(index);
		}
	}

	private static final class EventFieldValue extends CompiledExpr {
		private final String event;
		private final String field;

		EventFieldValue(String event, String field) {
			this.event = event;
			this.field = field;
		}

		@Override
		public Object value(EvalContext context) {
			return context.eventField(event, field);
		}
	}

	private static final class NotExpr extends CompiledExpr {
		private final CompiledExpr operand;

		NotExpr(CompiledExpr operand) {
			this.operand = operand;
		}

		@Override
		public Object value(EvalContext context) {
			return test(context);
		}

		@Override
		public boolean test(EvalContext context) {
			return !operand.test(context);
		}
	}

	private static final class NegateExpr extends CompiledExpr {
		private final CompiledExpr operand;

		NegateExpr(CompiledExpr operand) {
			this.operand = operand;
		}

		@Override
		public Object value(EvalContext context) {
			return number(context);
		}

		@Override
		public double number(EvalContext context) {
			return -operand.number(context);
		}
	}

	private static final class AndExpr extends CompiledExpr {
		private final CompiledExpr left;
		private final CompiledExpr right;

		AndExpr(CompiledExpr left, CompiledExpr right) {
			this.left = left;
			this.right = right;
		}

		@Override
		public Object value(EvalContext context) {
			return test(context);
		}

		@Override
		public boolean test(EvalContext context) {
			return left.test(context) && right.test(context);
		}
	}

	private static final class OrExpr extends CompiledExpr {
		private final CompiledExpr left;
		private final CompiledExpr right;

		OrExpr(CompiledExpr left, CompiledExpr right) {
			this.left = left;
			this.right = right;
		}

		@Override
		public Object value(EvalContext context) {
			return test(context);
		}

		@Override
		public boolean test(EvalContext context) {
			return left.test(context) || right.test(context);
		}
	}

	/** Numbers compare as numbers (so 3 == 3.0); anything else by equality; null equals nothing. */
	private static final class EqualsExpr extends CompiledExpr {
		private final CompiledExpr left;
		private final CompiledExpr right;
		private final boolean negated;

		EqualsExpr(CompiledExpr left, CompiledExpr right, boolean negated) {
			this.left = left;
			this.right = right;
			this.negated = negated;
		}

		@Override
		public Object value(EvalContext context) {
			return test(context);
		}

		@Override
		public boolean test(EvalContext context) {
			Object a = left.value(context);
			Object b = right.value(context);
			if (a == null || b == null) {
				return false;
			}
			return same(a, b) != negated;
		}
	}

	static boolean same(Object a, Object b) {
		if (a instanceof Number x && b instanceof Number y) {
			return x.doubleValue() == y.doubleValue();
		}
		return Objects.equals(a, b);
	}

	private static final class CompareExpr extends CompiledExpr {
		private final Expr.BinaryOp op;
		private final CompiledExpr left;
		private final CompiledExpr right;

		CompareExpr(Expr.BinaryOp op, CompiledExpr left, CompiledExpr right) {
			this.op = op;
			this.left = left;
			this.right = right;
		}

		@Override
		public Object value(EvalContext context) {
			return test(context);
		}

		@Override
		public boolean test(EvalContext context) {
			double a = left.number(context);
			double b = right.number(context);
			return switch (op) {
				case GT -> a > b;
				case GE -> a >= b;
				case LT -> a < b;
				default -> a <= b;
			};
		}
	}

	private static final class ArithmeticExpr extends CompiledExpr {
		private final Expr.BinaryOp op;
		private final CompiledExpr left;
		private final CompiledExpr right;

		ArithmeticExpr(Expr.BinaryOp op, CompiledExpr left, CompiledExpr right) {
			this.op = op;
			this.left = left;
			this.right = right;
		}

		@Override
		public Object value(EvalContext context) {
			return number(context);
		}

		@Override
		public double number(EvalContext context) {
			double a = left.number(context);
			double b = right.number(context);
			return switch (op) {
				case ADD -> a + b;
				case SUB -> a - b;
				case MUL -> a * b;
				default -> a / b;
			};
		}
	}

	private static final class MembershipExpr extends CompiledExpr {
		private final CompiledExpr element;
		private final Object[] candidates;
		private final boolean negated;

		MembershipExpr(CompiledExpr element, Object[] candidates, boolean negated) {
			this.element = element;
			this.candidates = candidates;
			this.negated = negated;
		}

		@Override
		public Object value(EvalContext context) {
			return test(context);
		}

		@Override
		public boolean test(EvalContext context) {
			Object value = element.value(context);
			if (value == null) {
				return false;
			}
			for (Object candidate : candidates) {
				if (same(value, candidate)) {
					return !negated;
				}
			}
			return negated;
		}
	}

	/** Every model a plan expression reads, for explanations (which scores led to an action). */
	public static void collectModels(Expr expr, List<String> into) {
		if (expr == null) {
			return;
		}
		if (expr instanceof Expr.ScoreRef score) {
			if (!into.contains(score.model())) {
				into.add(score.model());
			}
		} else if (expr instanceof Expr.RecommendedScore score) {
			if (!into.contains(score.model())) {
				into.add(score.model());
			}
		} else if (expr instanceof Expr.Not not) {
			collectModels(not.operand(), into);
		} else if (expr instanceof Expr.Negate negate) {
			collectModels(negate.operand(), into);
		} else if (expr instanceof Expr.Binary binary) {
			collectModels(binary.left(), into);
			collectModels(binary.right(), into);
		} else if (expr instanceof Expr.Membership membership) {
			collectModels(membership.element(), into);
		}
	}
}
