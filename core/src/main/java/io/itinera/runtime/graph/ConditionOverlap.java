package io.itinera.runtime.graph;

import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Expr.BinaryOp;
import io.itinera.runtime.plan.ExprText;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, conservatively, whether two conditions can never hold together. "Exclusive" only when
 * it is provable from the text: {@code x} against {@code not x}; comparisons of the same value with
 * number literals whose ranges do not meet ({@code v > 100} / {@code v <= 100}); equality with
 * different literals ({@code tier == "gold"} / {@code tier == "silver"}, or disjoint {@code in}
 * lists); a conjunction one of whose parts excludes the other side; a disjunction all of whose
 * parts do; the literal {@code false}. Anything else might overlap, so it is reported.
 */
final class ConditionOverlap {
	private ConditionOverlap() {
	}

	/** Null means "always", which overlaps everything but {@code false}. */
	static boolean exclusive(Expr a, Expr b) {
		if (isFalse(a) || isFalse(b)) {
			return true;
		}
		if (a == null || b == null) {
			return false;
		}
		if (a instanceof Expr.Binary binary && binary.op() == BinaryOp.AND) {
			if (exclusive(binary.left(), b) || exclusive(binary.right(), b)) {
				return true;
			}
		}
		if (b instanceof Expr.Binary binary && binary.op() == BinaryOp.AND) {
			if (exclusive(a, binary.left()) || exclusive(a, binary.right())) {
				return true;
			}
		}
		if (a instanceof Expr.Binary binary && binary.op() == BinaryOp.OR) {
			return exclusive(binary.left(), b) && exclusive(binary.right(), b);
		}
		if (b instanceof Expr.Binary binary && binary.op() == BinaryOp.OR) {
			return exclusive(a, binary.left()) && exclusive(a, binary.right());
		}
		if (a instanceof Expr.Not not && same(not.operand(), b) || b instanceof Expr.Not not2 && same(not2.operand(), a)) {
			return true;
		}
		Constraint x = Constraint.of(a);
		Constraint y = Constraint.of(b);
		return x != null && y != null && same(x.subject, y.subject) && x.excludes(y);
	}

	private static boolean isFalse(Expr expr) {
		return expr instanceof Expr.BooleanLit literal && !literal.value();
	}

	/** Same expression, whatever its source location. */
	static boolean same(Expr a, Expr b) {
		return ExprText.of(a).equals(ExprText.of(b));
	}

	/** {@code subject op literal}, or {@code subject [not] in [literals]}. */
	private static final class Constraint {
		final Expr subject;
		final BinaryOp op; // null for membership
		final List<Object> values;
		final boolean negated;

		private Constraint(Expr subject, BinaryOp op, List<Object> values, boolean negated) {
			this.subject = subject;
			this.op = op;
			this.values = values;
			this.negated = negated;
		}

		static Constraint of(Expr expr) {
			if (expr instanceof Expr.Binary binary && binary.op().isComparison()) {
				Object right = literal(binary.right());
				if (right != null && literal(binary.left()) == null) {
					return new Constraint(binary.left(), binary.op(), List.of(right), false);
				}
				Object left = literal(binary.left());
				if (left != null && right == null) {
					return new Constraint(binary.right(), flip(binary.op()), List.of(left), false);
				}
				return null;
			}
			if (expr instanceof Expr.Membership membership) {
				List<Object> values = new ArrayList<>();
				for (Expr candidate : membership.candidates()) {
					Object value = literal(candidate);
					if (value == null) {
						return null;
					}
					values.add(value);
				}
				return new Constraint(membership.element(), null, values, membership.negated());
			}
			return null;
		}

		private static Object literal(Expr expr) {
			if (expr instanceof Expr.NumberLit n) {
				return n.value();
			}
			if (expr instanceof Expr.DurationLit d) {
				return (double) d.millis();
			}
			if (expr instanceof Expr.StringLit s) {
				return s.value();
			}
			if (expr instanceof Expr.BooleanLit b) {
				return b.value();
			}
			if (expr instanceof Expr.Negate negate && negate.operand() instanceof Expr.NumberLit n) {
				return -n.value();
			}
			return null;
		}

		private static BinaryOp flip(BinaryOp op) {
			return switch (op) {
				case GT -> BinaryOp.LT;
				case GE -> BinaryOp.LE;
				case LT -> BinaryOp.GT;
				case LE -> BinaryOp.GE;
				default -> op;
			};
		}

		/** The values this constraint allows, when it allows a finite set (==, in). */
		private List<Object> allowedSet() {
			if (op == BinaryOp.EQ) {
				return values;
			}
			if (op == null && !negated) {
				return values;
			}
			return null;
		}

		/** The values it forbids, when it forbids a finite set (!=, not in). */
		private List<Object> forbiddenSet() {
			if (op == BinaryOp.NE) {
				return values;
			}
			if (op == null && negated) {
				return values;
			}
			return null;
		}

		boolean excludes(Constraint other) {
			List<Object> mine = allowedSet();
			List<Object> theirs = other.allowedSet();
			if (mine != null && theirs != null) {
				return mine.stream().noneMatch(value -> theirs.stream().anyMatch(t -> equal(value, t)));
			}
			if (mine != null && other.forbiddenSet() != null) {
				return mine.stream().allMatch(value -> other.forbiddenSet().stream().anyMatch(t -> equal(value, t)));
			}
			if (theirs != null && forbiddenSet() != null) {
				return other.excludes(this);
			}
			Range a = Range.of(this);
			Range b = Range.of(other);
			if (a != null && b != null) {
				return a.disjoint(b);
			}
			if (a != null && theirs != null) {
				return theirs.stream().noneMatch(a::contains);
			}
			if (b != null && mine != null) {
				return mine.stream().noneMatch(b::contains);
			}
			return false;
		}

		private static boolean equal(Object a, Object b) {
			if (a instanceof Double x && b instanceof Double y) {
				return x.doubleValue() == y.doubleValue();
			}
			return a.equals(b);
		}
	}

	/** A numeric interval from a comparison with a number. */
	private record Range(double low, boolean lowClosed, double high, boolean highClosed) {
		static Range of(Constraint constraint) {
			if (constraint.op == null || !(constraint.values.get(0) instanceof Double value)) {
				return null;
			}
			return switch (constraint.op) {
				case GT -> new Range(value, false, Double.POSITIVE_INFINITY, false);
				case GE -> new Range(value, true, Double.POSITIVE_INFINITY, false);
				case LT -> new Range(Double.NEGATIVE_INFINITY, false, value, false);
				case LE -> new Range(Double.NEGATIVE_INFINITY, false, value, true);
				default -> null;
			};
		}

		boolean contains(Object candidate) {
			if (!(candidate instanceof Double value)) {
				return false;
			}
			boolean aboveLow = value > low || (lowClosed && value == low);
			boolean belowHigh = value < high || (highClosed && value == high);
			return aboveLow && belowHigh;
		}

		boolean disjoint(Range other) {
			return endsBefore(this, other) || endsBefore(other, this);
		}

		private static boolean endsBefore(Range first, Range second) {
			return first.high < second.low || (first.high == second.low && !(first.highClosed && second.lowClosed));
		}
	}
}
