package io.itinera.runtime.expr;

/**
 * An expression compiled once into a tree of small evaluators. {@link #test} for conditions,
 * {@link #number} for arithmetic (NaN when there is no number), {@link #value} for anything.
 */
public abstract class CompiledExpr {
	public abstract Object value(EvalContext context);

	public double number(EvalContext context) {
		return toNumber(value(context));
	}

	public boolean test(EvalContext context) {
		return Boolean.TRUE.equals(value(context));
	}

	static double toNumber(Object value) {
		return value instanceof Number number ? number.doubleValue() : Double.NaN;
	}
}
