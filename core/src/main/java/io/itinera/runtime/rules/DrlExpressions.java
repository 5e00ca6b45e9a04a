package io.itinera.runtime.rules;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.ValueType;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders plan expressions as DRL over {@link CustomerFact}: as a pattern constraint (MVEL
 * semantics, {@code ==} compares text by value) or as Java for a rule's consequence (parameter
 * values, read through {@code $customer}). Durations are in days, the unit of recency features.
 */
final class DrlExpressions {
	private static final double DAY_MILLIS = 86_400_000d;

	private final JourneyPlan plan;
	private final boolean java;

	private DrlExpressions(JourneyPlan plan, boolean java) {
		this.plan = plan;
		this.java = java;
	}

	/** Inside {@code CustomerFact( … )}: the customer's values unqualified. */
	static String constraint(JourneyPlan plan, Expr expr) {
		return new DrlExpressions(plan, false).render(expr, 0, false);
	}

	/** In a consequence: customer values through {@code $customer}. */
	static String java(JourneyPlan plan, Expr expr) {
		return new DrlExpressions(plan, true).render(expr, 0, false);
	}

	private String render(Expr expr, int outerPrecedence, boolean arithmetic) {
		String text = plain(expr, arithmetic);
		return precedence(expr) < outerPrecedence ? "(" + text + ")" : text;
	}

	private String plain(Expr expr, boolean arithmetic) {
		if (expr instanceof Expr.NumberLit n) {
			return number(n.value(), arithmetic);
		}
		if (expr instanceof Expr.StringLit s) {
			return quote(s.value());
		}
		if (expr instanceof Expr.BooleanLit b) {
			return Boolean.toString(b.value());
		}
		if (expr instanceof Expr.DurationLit d) {
			return number(d.millis() / DAY_MILLIS, arithmetic);
		}
		if (expr instanceof Expr.FeatureRef f) {
			String accessor = switch (featureType(f.feature())) {
				case STRING -> "featureText";
				case BOOLEAN -> "featureFlag";
				default -> "getFeature";
			};
			return customer() + accessor + "(" + quote(f.feature()) + ")";
		}
		if (expr instanceof Expr.ScoreRef s) {
			return customer() + "getScore(" + quote(s.model()) + ")";
		}
		if (expr instanceof Expr.RecommendedScore r) {
			return customer() + "recommendedScore(" + quote(r.model()) + ", " + r.rank() + ")";
		}
		if (expr instanceof Expr.RecommendedItems r) {
			return customer() + "recommendedItems(" + quote(r.model()) + ", " + r.count() + ")";
		}
		if (expr instanceof Expr.AttributeRef a) {
			return customer() + accessor(attributeType(a.attribute())) + "(" + quote(a.attribute()) + ")";
		}
		if (expr instanceof Expr.EventFieldRef e) {
			String accessor = accessor(fieldType(e.event(), e.field()));
			return customer() + "event" + Character.toUpperCase(accessor.charAt(0)) + accessor.substring(1) + "(" + quote(e.event())
					+ ", " + quote(e.field()) + ")";
		}
		if (expr instanceof Expr.Not n) {
			return "!(" + render(n.operand(), 0, false) + ")";
		}
		if (expr instanceof Expr.Negate n) {
			return "-" + render(n.operand(), 7, true);
		}
		if (expr instanceof Expr.Binary b) {
			return binary(b);
		}
		return membership((Expr.Membership) expr);
	}

	private String binary(Expr.Binary b) {
		int own = precedence(b);
		boolean arithmetic = !b.op().isLogical() && !b.op().isComparison();
		String left = render(b.left(), own, arithmetic);
		// Left-associative: a right operand of the same precedence needs parentheses (a - (b - c)).
		String right = render(b.right(), own + 1, arithmetic);
		if (java && (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE) && isText(b.left(), b.right())) {
			String equals = "java.util.Objects.equals(" + left + ", " + right + ")";
			return b.op() == Expr.BinaryOp.EQ ? equals : "!" + equals;
		}
		String op = switch (b.op()) {
			case AND -> "&&";
			case OR -> "||";
			default -> b.op().symbol();
		};
		return left + " " + op + " " + right;
	}

	private String membership(Expr.Membership m) {
		if (java) {
			String element = render(m.element(), 7, false);
			String alternatives = m.candidates().stream()
					.map(c -> isText(m.element(), c) ? "java.util.Objects.equals(" + element + ", " + render(c, 0, false) + ")"
							: element + " == " + render(c, 4, false))
					.collect(Collectors.joining(" || "));
			String any = m.candidates().isEmpty() ? "false" : "(" + alternatives + ")";
			return m.negated() ? "!" + any : any;
		}
		String candidates = m.candidates().stream().map(c -> render(c, 0, false)).collect(Collectors.joining(", "));
		if (m.candidates().isEmpty()) {
			return m.negated() ? "true" : "false";
		}
		return render(m.element(), 4, false) + (m.negated() ? " not in (" : " in (") + candidates + ")";
	}

	private boolean isText(Expr... operands) {
		for (Expr operand : operands) {
			if (operand instanceof Expr.StringLit) {
				return true;
			}
			if (operand instanceof Expr.AttributeRef a && attributeType(a.attribute()) == ValueType.STRING) {
				return true;
			}
			if (operand instanceof Expr.EventFieldRef e && fieldType(e.event(), e.field()) == ValueType.STRING) {
				return true;
			}
			if (operand instanceof Expr.FeatureRef f && featureType(f.feature()) == ValueType.STRING) {
				return true;
			}
		}
		return false;
	}

	private static int precedence(Expr expr) {
		if (expr instanceof Expr.Binary b) {
			return switch (b.op()) {
				case OR -> 1;
				case AND -> 2;
				case GT, GE, LT, LE, EQ, NE -> 3;
				case ADD, SUB -> 4;
				case MUL, DIV -> 5;
			};
		}
		if (expr instanceof Expr.Membership) {
			return 3;
		}
		if (expr instanceof Expr.Negate || expr instanceof Expr.Not) {
			return 6;
		}
		return 7;
	}

	private String customer() {
		return java ? "$customer." : "";
	}

	private ValueType attributeType(String name) {
		return plan.attributes().stream().filter(a -> a.name().equals(name)).map(a -> a.type()).findFirst()
				.orElse(ValueType.STRING);
	}

	private ValueType featureType(String name) {
		Feature feature = plan.feature(name);
		return feature == null ? ValueType.DECIMAL : plan.featureType(feature);
	}

	private ValueType fieldType(String event, String field) {
		EventType type = plan.event(event);
		FieldDecl decl = type == null ? null : type.field(field);
		return decl == null ? ValueType.STRING : decl.type();
	}

	private static String accessor(ValueType type) {
		return switch (type) {
			case STRING -> "text";
			case DECIMAL, INT -> "number";
			case BOOLEAN -> "flag";
		};
	}

	/** Whole numbers without a decimal point, except in arithmetic, where 1 / 2 must not be 0. */
	private static String number(double value, boolean arithmetic) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			long whole = (long) value;
			return arithmetic ? whole + ".0" : Long.toString(whole);
		}
		return String.format(Locale.ROOT, "%s", value);
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append(c);
			}
		}
		return out.append('"').toString();
	}
}
