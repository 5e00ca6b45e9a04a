package io.itinera.dsl.typing;

import java.util.Set;

import io.itinera.dsl.journey.Aggregate;
import io.itinera.dsl.journey.AggregateFunction;
import io.itinera.dsl.journey.Attribute;
import io.itinera.dsl.journey.Binary;
import io.itinera.dsl.journey.BooleanLiteral;
import io.itinera.dsl.journey.DurationLiteral;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.Expression;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.Field;
import io.itinera.dsl.journey.Literal;
import io.itinera.dsl.journey.Membership;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.RecommendationPart;
import io.itinera.dsl.journey.Sequence;
import io.itinera.dsl.journey.Negation;
import io.itinera.dsl.journey.Not;
import io.itinera.dsl.journey.NumberLiteral;
import io.itinera.dsl.journey.Recency;
import io.itinera.dsl.journey.StringLiteral;
import io.itinera.dsl.journey.Symbol;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.dsl.journey.ValueType;

/**
 * Computes the type of a condition's expressions and the values it names. It never reports:
 * the validator turns mismatches into diagnostics; a part that does not resolve is UNKNOWN,
 * which matches anything so one mistake is reported once.
 */
public final class ExpressionTypes {
	private static final Set<String> ORDERING = Set.of(">", ">=", "<", "<=");
	private static final Set<String> EQUALITY = Set.of("==", "!=");
	private static final Set<String> LOGICAL = Set.of("and", "or");

	private ExpressionTypes() {
	}

	public static Type typeOf(Expression expression) {
		if (expression == null) {
			return Type.UNKNOWN;
		}
		if (expression instanceof Literal literal) {
			return typeOf(literal);
		}
		if (expression instanceof io.itinera.dsl.journey.SegmentRef) {
			return Type.BOOLEAN;
		}
		if (expression instanceof SymbolRef ref) {
			return typeOf(ref);
		}
		if (expression instanceof Not) {
			return Type.BOOLEAN;
		}
		if (expression instanceof Negation negation) {
			Type operand = typeOf(negation.getOperand());
			return operand == Type.DURATION ? Type.DURATION : Type.NUMBER;
		}
		if (expression instanceof Membership) {
			return Type.BOOLEAN;
		}
		if (expression instanceof Binary binary) {
			return resultOf(binary);
		}
		return Type.UNKNOWN;
	}

	public static Type typeOf(Literal literal) {
		if (literal instanceof NumberLiteral) return Type.NUMBER;
		if (literal instanceof StringLiteral) return Type.STRING;
		if (literal instanceof BooleanLiteral) return Type.BOOLEAN;
		if (literal instanceof DurationLiteral) return Type.DURATION;
		return Type.UNKNOWN;
	}

	public static Type typeOf(SymbolRef ref) {
		Symbol symbol = ref.getSymbol();
		if (ref.getRecommended() != null) {
			return ref.getRecommended().getPart() == RecommendationPart.ITEMS ? Type.ITEMS : Type.NUMBER;
		}
		if (symbol instanceof EventDecl) {
			Field field = ref.getField();
			return field == null || field.eIsProxy() ? Type.UNKNOWN : typeOf(field.getType());
		}
		return typeOf(symbol);
	}

	/** The type of a named value: an attribute, a feature or a model's score. Events have none. */
	public static Type typeOf(Symbol symbol) {
		if (symbol == null || symbol.eIsProxy()) return Type.UNKNOWN;
		if (symbol instanceof Attribute attribute) return typeOf(attribute.getType());
		if (symbol instanceof ModelDecl) return Type.NUMBER;
		if (symbol instanceof FeatureDecl feature) return typeOf(feature);
		return Type.UNKNOWN;
	}

	public static Type typeOf(FeatureDecl feature) {
		if (feature.getDefinition() instanceof Recency) {
			return Type.DURATION;
		}
		if (feature.getDefinition() instanceof Sequence) {
			return Type.NUMBER; // in a condition, a sequence is its length
		}
		if (feature.getDefinition() instanceof Aggregate aggregate) {
			if (aggregate.getFunction() == AggregateFunction.COUNT) {
				return Type.NUMBER;
			}
			Field field = aggregate.getField();
			if (field == null || field.eIsProxy()) {
				return Type.UNKNOWN;
			}
			Type fieldType = typeOf(field.getType());
			return aggregate.getFunction() == AggregateFunction.LAST ? fieldType : Type.NUMBER;
		}
		return Type.UNKNOWN;
	}

	public static Type typeOf(ValueType valueType) {
		return switch (valueType) {
			case STRING -> Type.STRING;
			case BOOLEAN -> Type.BOOLEAN;
			case DECIMAL, INT -> Type.NUMBER;
		};
	}

	public static boolean isOrdering(String op) {
		return ORDERING.contains(op);
	}

	public static boolean isEquality(String op) {
		return EQUALITY.contains(op);
	}

	public static boolean isLogical(String op) {
		return LOGICAL.contains(op);
	}

	private static Type resultOf(Binary binary) {
		String op = binary.getOp();
		if (isLogical(op) || isOrdering(op) || isEquality(op)) {
			return Type.BOOLEAN;
		}
		Type left = typeOf(binary.getLeft());
		Type right = typeOf(binary.getRight());
		if (("+".equals(op) || "-".equals(op)) && (left == Type.DURATION || right == Type.DURATION)) {
			return Type.DURATION;
		}
		return Type.NUMBER;
	}

	/** Whether two operand types may meet in a comparison or arithmetic. */
	public static boolean compatible(Type a, Type b) {
		return a == Type.UNKNOWN || b == Type.UNKNOWN || a == b;
	}
}
