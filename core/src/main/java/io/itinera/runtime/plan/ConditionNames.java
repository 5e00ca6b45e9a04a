package io.itinera.runtime.plan;

import java.util.ArrayList;
import java.util.List;

/** The names a condition reads (features, scores, attributes, {@code event.field}), in order of appearance, each once. */
public final class ConditionNames {
	private ConditionNames() {
	}

	public static List<String> of(Expr condition) {
		List<String> names = new ArrayList<>();
		collect(condition, names);
		return names;
	}

	/** The customer attributes a condition reads, in order of appearance, each once. */
	public static List<String> attributes(Expr condition) {
		List<String> names = new ArrayList<>();
		collectAttributes(condition, names);
		return names;
	}

	private static void collectAttributes(Expr expr, List<String> names) {
		if (expr instanceof Expr.AttributeRef attribute) {
			if (!names.contains(attribute.attribute())) {
				names.add(attribute.attribute());
			}
		} else if (expr instanceof Expr.Not not) {
			collectAttributes(not.operand(), names);
		} else if (expr instanceof Expr.Negate negate) {
			collectAttributes(negate.operand(), names);
		} else if (expr instanceof Expr.Binary binary) {
			collectAttributes(binary.left(), names);
			collectAttributes(binary.right(), names);
		} else if (expr instanceof Expr.Membership membership) {
			collectAttributes(membership.element(), names);
			membership.candidates().forEach(candidate -> collectAttributes(candidate, names));
		}
	}

	private static void collect(Expr expr, List<String> names) {
		String name = null;
		if (expr == null) {
			return;
		} else if (expr instanceof Expr.FeatureRef feature) {
			name = feature.feature();
		} else if (expr instanceof Expr.ScoreRef score) {
			name = score.model();
		} else if (expr instanceof Expr.AttributeRef attribute) {
			name = attribute.attribute();
		} else if (expr instanceof Expr.EventFieldRef field) {
			name = field.event() + "." + field.field();
		} else if (expr instanceof Expr.RecommendedItems items) {
			name = items.model();
		} else if (expr instanceof Expr.RecommendedScore score) {
			name = score.model();
		} else if (expr instanceof Expr.Not not) {
			collect(not.operand(), names);
		} else if (expr instanceof Expr.Negate negate) {
			collect(negate.operand(), names);
		} else if (expr instanceof Expr.Binary binary) {
			collect(binary.left(), names);
			collect(binary.right(), names);
		} else if (expr instanceof Expr.Membership membership) {
			collect(membership.element(), names);
			membership.candidates().forEach(candidate -> collect(candidate, names));
		}
		if (name != null && !names.contains(name)) {
			names.add(name);
		}
	}
}
