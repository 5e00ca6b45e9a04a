package io.itinera.dsl.compiler;

import io.itinera.dsl.journey.Attribute;
import io.itinera.dsl.journey.Binary;
import io.itinera.dsl.journey.BooleanLiteral;
import io.itinera.dsl.journey.DurationLiteral;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.Expression;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.Literal;
import io.itinera.dsl.journey.Membership;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.Negation;
import io.itinera.dsl.journey.Not;
import io.itinera.dsl.journey.NumberLiteral;
import io.itinera.dsl.journey.RecommendationPart;
import io.itinera.dsl.journey.SegmentDecl;
import io.itinera.dsl.journey.SegmentRef;
import io.itinera.dsl.journey.StringLiteral;
import io.itinera.dsl.journey.Symbol;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles syntax-tree expressions to the plan's {@link Expr}; null when any part does not resolve.
 * {@code segment S} is inlined: S's condition, at its declaration's locations (a cycle compiles to null).
 */
final class ExpressionCompiler {
	/** The segments being inlined, to stop at a cycle (the validator reports it). */
	private final java.util.Set<SegmentDecl> inlining = new java.util.HashSet<>();
	/** The journey compiled: a workspace's shared segment reads its declarations, by name. */
	private io.itinera.dsl.journey.Journey journey;

	void readSharedSegmentsFor(io.itinera.dsl.journey.Journey journey) {
		this.journey = journey;
	}

	/** A segment's condition; null when it does not resolve or names itself through others. */
	Expr segment(SegmentDecl segment) {
		if (segment == null || segment.eIsProxy() || segment.getCondition() == null || !inlining.add(segment)) {
			return null;
		}
		try {
			return compile(segment.getCondition());
		} finally {
			inlining.remove(segment);
		}
	}

	Expr compile(Expression expression) {
		if (expression == null) {
			return null;
		}
		SourceLocation at = JourneyCompiler.at(expression);
		if (expression instanceof NumberLiteral n) {
			return n.getValue() == null ? null : new Expr.NumberLit(n.getValue().doubleValue(), at);
		}
		if (expression instanceof StringLiteral s) {
			return s.getValue() == null ? null : new Expr.StringLit(s.getValue(), at);
		}
		if (expression instanceof BooleanLiteral b) {
			return new Expr.BooleanLit(b.isValue(), at);
		}
		if (expression instanceof DurationLiteral d) {
			return d.getDuration() == null ? null : new Expr.DurationLit(JourneyCompiler.millis(d.getDuration()), at);
		}
		if (expression instanceof SymbolRef ref) {
			return reference(ref, at);
		}
		if (expression instanceof SegmentRef ref) {
			return segment(ref.getSegment());
		}
		if (expression instanceof Not not) {
			Expr operand = compile(not.getOperand());
			return operand == null ? null : new Expr.Not(operand, at);
		}
		if (expression instanceof Negation negation) {
			Expr operand = compile(negation.getOperand());
			return operand == null ? null : new Expr.Negate(operand, at);
		}
		if (expression instanceof Binary binary) {
			Expr left = compile(binary.getLeft());
			Expr right = compile(binary.getRight());
			if (left == null || right == null || binary.getOp() == null) {
				return null;
			}
			return new Expr.Binary(Expr.BinaryOp.ofSymbol(binary.getOp()), left, right, at);
		}
		if (expression instanceof Membership membership) {
			Expr element = compile(membership.getElement());
			if (element == null) {
				return null;
			}
			List<Expr> candidates = new ArrayList<>();
			for (Literal candidate : membership.getCandidates()) {
				Expr compiled = compile(candidate);
				if (compiled == null) {
					return null;
				}
				candidates.add(compiled);
			}
			return new Expr.Membership(element, membership.isNegated(), candidates, at);
		}
		return null;
	}

	private Expr reference(SymbolRef ref, SourceLocation at) {
		Symbol symbol = io.itinera.dsl.scoping.SharedSegments.isShared(ref)
				? io.itinera.dsl.scoping.SharedSegments.symbolIn(journey, ref) : ref.getSymbol();
		if (symbol == null || symbol.eIsProxy() || symbol.getName() == null) {
			return null;
		}
		if (ref.getRecommended() != null) {
			if (!(symbol instanceof ModelDecl)) {
				return null;
			}
			int rank = ref.getRecommended().getRank();
			return ref.getRecommended().getPart() == RecommendationPart.ITEMS
					? new Expr.RecommendedItems(symbol.getName(), rank, at)
					: new Expr.RecommendedScore(symbol.getName(), rank, at);
		}
		if (ref.getField() != null) {
			String field = JourneyCompiler.name(ref.getField());
			return symbol instanceof EventDecl && field != null ? new Expr.EventFieldRef(symbol.getName(), field, at) : null;
		}
		if (symbol instanceof FeatureDecl) {
			return new Expr.FeatureRef(symbol.getName(), at);
		}
		if (symbol instanceof Attribute) {
			return new Expr.AttributeRef(symbol.getName(), at);
		}
		if (symbol instanceof ModelDecl) {
			return new Expr.ScoreRef(symbol.getName(), at);
		}
		return null;
	}
}
