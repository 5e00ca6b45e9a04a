package io.itinera.runtime.plan;

import java.util.stream.Collectors;

/** Journey-language text of plan expressions and durations, for labels, causes and messages. */
public final class ExprText {
	private static final long SECOND = 1_000L;
	private static final long MINUTE = 60 * SECOND;
	private static final long HOUR = 60 * MINUTE;
	private static final long DAY = 24 * HOUR;

	private ExprText() {
	}

	public static String of(Expr expr) {
		return of(expr, 0);
	}

	private static String of(Expr expr, int parentPrecedence) {
		if (expr instanceof Expr.NumberLit n) {
			return number(n.value());
		}
		if (expr instanceof Expr.StringLit s) {
			return '"' + s.value() + '"';
		}
		if (expr instanceof Expr.BooleanLit b) {
			return Boolean.toString(b.value());
		}
		if (expr instanceof Expr.DurationLit d) {
			return duration(d.millis());
		}
		if (expr instanceof Expr.FeatureRef f) {
			return f.feature();
		}
		if (expr instanceof Expr.AttributeRef a) {
			return a.attribute();
		}
		if (expr instanceof Expr.ScoreRef s) {
			return s.model();
		}
		if (expr instanceof Expr.EventFieldRef e) {
			return e.event() + "." + e.field();
		}
		if (expr instanceof Expr.Not not) {
			return wrap("not " + of(not.operand(), 3), 3, parentPrecedence);
		}
		if (expr instanceof Expr.Negate negate) {
			return "-" + of(negate.operand(), 7);
		}
		if (expr instanceof Expr.Binary binary) {
			int precedence = precedence(binary.op());
			return wrap(of(binary.left(), precedence) + " " + binary.op().symbol() + " " + of(binary.right(), precedence + 1),
					precedence, parentPrecedence);
		}
		Expr.Membership membership = (Expr.Membership) expr;
		String candidates = membership.candidates().stream().map(ExprText::of).collect(Collectors.joining(", "));
		return wrap(of(membership.element(), 5) + (membership.negated() ? " not in [" : " in [") + candidates + "]", 4,
				parentPrecedence);
	}

	private static int precedence(Expr.BinaryOp op) {
		return switch (op) {
			case OR -> 1;
			case AND -> 2;
			case GT, GE, LT, LE, EQ, NE -> 4;
			case ADD, SUB -> 5;
			case MUL, DIV -> 6;
		};
	}

	private static String wrap(String text, int precedence, int parentPrecedence) {
		return precedence < parentPrecedence ? "(" + text + ")" : text;
	}

	private static String number(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
	}

	/**
	 * A plan's duration as plan text (diff, explain, graph, report, migration and delivery notes): in the
	 * largest of days, hours, minutes and seconds that divides it: "21 days", "1 hour", "90 seconds".
	 * Never in weeks, so a duration written in days reads back as written; {@code 2 weeks} reads "14 days".
	 * The one place durations are written out for people.
	 */
	public static String duration(long millis) {
		long[] units = { DAY, HOUR, MINUTE, SECOND };
		String[] names = { "day", "hour", "minute", "second" };
		for (int i = 0; i < units.length; i++) {
			if (millis != 0 && millis % units[i] == 0) {
				long amount = millis / units[i];
				return amount + " " + names[i] + (amount == 1 ? "" : "s");
			}
		}
		return millis + " ms";
	}
}
