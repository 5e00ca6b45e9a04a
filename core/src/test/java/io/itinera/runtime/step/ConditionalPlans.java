package io.itinera.runtime.step;

import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.Device;
import io.itinera.runtime.plan.Entry;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Expr.BinaryOp;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.plan.ValueType;
import java.util.List;

/** Small plans whose transitions read every kind of value. */
final class ConditionalPlans {
	private static final SourceLocation AT = new SourceLocation("vip.journey", 1, 1);

	private ConditionalPlans() {
	}

	private static Expr and(Expr left, Expr right) {
		return new Expr.Binary(BinaryOp.AND, left, right, AT);
	}

	private static Expr compare(BinaryOp op, Expr left, Expr right) {
		return new Expr.Binary(op, left, right, AT);
	}

	/**
	 * entry on visit; Start { on view if view.price > 100 and views >= 3 and tier == "gold" -> Vip
	 * on view if propensity > 0.5 -> Likely }.
	 */
	static JourneyPlan vipRouting() {
		Expr vip = and(and(compare(BinaryOp.GT, new Expr.EventFieldRef("view", "price", AT), new Expr.NumberLit(100, AT)),
				compare(BinaryOp.GE, new Expr.FeatureRef("views", AT), new Expr.NumberLit(3, AT))),
				compare(BinaryOp.EQ, new Expr.AttributeRef("tier", AT), new Expr.StringLit("gold", AT)));
		Expr likely = compare(BinaryOp.GT, new Expr.ScoreRef("propensity", AT), new Expr.NumberLit(0.5, AT));
		return new JourneyPlan(JourneyPlan.FORMAT_VERSION, "Vip", null, AT, new Entry("visit", null, null, AT),
				Reentry.never(AT), List.of(), null, List.of(new Attribute("tier", ValueType.STRING, AT)),
				List.of(new EventType("visit", List.of(new FieldDecl("tier", ValueType.STRING, AT)), AT),
						new EventType("view", List.of(new FieldDecl("price", ValueType.DECIMAL, AT)), AT)),
				List.of(new Feature("views", AggregateKind.COUNT, "view", null, new FeatureWindow.Lifetime(), AT)),
				List.of(new Model("propensity", "p.onnx", List.of("views"), "p", null, Device.CPU, AT)),
				List.of(new Stage("Start", (String) null, List.of(new Transition.OnEvent("view", vip, "Vip", AT),
						new Transition.OnEvent("view", likely, "Likely", AT)), AT),
						new Stage("Vip", (String) null, List.of(), AT), new Stage("Likely", (String) null, List.of(), AT)),
				List.of(), List.of(), List.of());
	}
}
