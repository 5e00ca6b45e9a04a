package io.itinera.runtime.plan;

import io.itinera.runtime.plan.Expr.BinaryOp;
import java.util.List;

/** Hand-built plans for tests: every kind of element, with distinct locations. */
public final class SamplePlans {
	private static final long HOUR = 3_600_000L;
	static final long DAY = 24 * HOUR;

	private SamplePlans() {
	}

	public static SourceLocation at(int line) {
		return new SourceLocation("cart.journey", line, 3);
	}

	public static Expr feature(String name) {
		return new Expr.FeatureRef(name, at(90));
	}

	public static Expr score(String model) {
		return new Expr.ScoreRef(model, at(91));
	}

	public static Expr number(double value) {
		return new Expr.NumberLit(value, at(92));
	}

	public static Expr binary(BinaryOp op, Expr left, Expr right) {
		return new Expr.Binary(op, left, right, at(93));
	}

	/** The CartRecovery journey of DESIGN.md, plus one of everything the language has. */
	public static JourneyPlan cartRecovery() {
		return new JourneyPlan(JourneyPlan.FORMAT_VERSION, "CartRecovery", "Bring back shoppers", at(1),
				new Entry("cart_add", null, "Carted", at(2)),
				Reentry.after(30 * DAY, at(3)),
				List.of(new Exit("purchase", null, at(4))),
				new Goal("purchase", binary(BinaryOp.GT, new Expr.EventFieldRef("purchase", "amount", at(5)), number(0)),
						7 * DAY, "amount", at(5)),
				List.of(new Attribute("email", ValueType.STRING, at(6)), new Attribute("tier", ValueType.STRING, at(6))),
				List.of(new EventType("product_view", List.of(new FieldDecl("category", ValueType.STRING, at(8)),
						new FieldDecl("price", ValueType.DECIMAL, at(8))), at(8)),
						new EventType("cart_add", List.of(new FieldDecl("price", ValueType.DECIMAL, at(9))), at(9)),
						new EventType("purchase", List.of(new FieldDecl("amount", ValueType.DECIMAL, at(10)),
								new FieldDecl("items", ValueType.INT, at(10)),
								new FieldDecl("gift", ValueType.BOOLEAN, at(10))), at(10))),
				List.of(new Feature("views7d", AggregateKind.COUNT, "product_view", null, new FeatureWindow.Sliding(7 * DAY), at(12)),
						new Feature("cartValue", AggregateKind.SUM, "cart_add", "price", new FeatureWindow.SinceLast("purchase"), at(13)),
						new Feature("daysIdle", AggregateKind.DAYS_SINCE, "purchase", null, new FeatureWindow.Lifetime(), at(14)),
						new Feature("maxPrice", AggregateKind.MAX, "product_view", "price", new FeatureWindow.Lifetime(), at(15))),
				List.of(new Model("intent", "models/intent.onnx", List.of("views7d", "cartValue", "daysIdle"), "probability", 1,
						Device.AUTO, at(17))),
				List.of(new Stage("Carted", Phase.CONSIDERATION, List.of(
								new Transition.OnEvent("purchase", null, "Converted", at(24)),
								new Transition.AfterDelay(HOUR, "Abandoned", at(25))), at(23)),
						new Stage("Abandoned", Phase.CONSIDERATION, List.of(
								new Transition.WhenScore(binary(BinaryOp.GT, score("intent"), number(0.6)),
										new Transition.Hysteresis(Transition.Direction.BELOW, 0.5), "HighIntent", at(28)),
								new Transition.AfterDelay(3 * DAY, "Lapsed", at(29))), at(27)),
						new Stage("HighIntent", Phase.CONSIDERATION, List.of(new Transition.AfterDelay(2 * DAY, "Lapsed", at(31))), at(31)),
						new Stage("Converted", Phase.PURCHASE, List.of(), at(32)),
						new Stage("Lapsed", (String) null, List.of(), at(33))),
				List.of(new Campaign("Rescue", List.of("Abandoned", "HighIntent"),
						List.of(new Cap(1, DAY, null, at(36)), new Cap(3, 7 * DAY, Channel.EMAIL, at(37))),
						new QuietHours(22 * 60, 8 * 60, at(38)),
						List.of(new CampaignRule("Coupon for big carts",
								binary(BinaryOp.AND, binary(BinaryOp.AND, binary(BinaryOp.GT, feature("cartValue"), number(100)),
										binary(BinaryOp.LT, score("intent"), number(0.4))),
										new Expr.Membership(new Expr.AttributeRef("tier", at(40)), false,
												List.of(new Expr.StringLit("gold", at(40)), new Expr.StringLit("silver", at(40))), at(40))),
								false,
								List.of(new Action.Send(Channel.EMAIL, "cart_reminder_coupon",
										List.of(new Action.Param("coupon", new Expr.StringLit("SAVE10", at(41)), at(41))), at(41)),
										new Action.Tag("rescued", at(41))),
								at(39)),
								new CampaignRule("Plain reminder", null, true, List.of(new Action.Send(Channel.PUSH, "cart_reminder", List.of(), at(43)),
										new Action.Untag("vip", at(43)),
										new Action.Webhook("http://localhost/hook", List.of(new Action.Param("value",
												new Expr.Negate(new Expr.Not(new Expr.BooleanLit(true, at(44)), at(44)), at(44)), at(44))), at(44))),
										at(42))),
						"rule \"x\" when then end", at(35))),
				List.of(new Split("RescueTest", "Abandoned", List.of(new Split.Arm(50, "Rescue", false, at(47)),
						new Split.Arm(50, null, true, at(47))), at(47))),
				List.of(new TestCase("a big abandoned cart gets a coupon", "Abandoned",
						List.of(new TestCase.Given(TestCase.SymbolKind.FEATURE, "cartValue", number(150), at(50)),
								new TestCase.Given(TestCase.SymbolKind.SCORE, "intent", number(0.2), at(50)),
								new TestCase.Given(TestCase.SymbolKind.ATTRIBUTE, "tier", new Expr.DurationLit(DAY, at(50)), at(50))),
						9 * 60 + 30,
						new TestCase.TestEvent("cart_add", List.of(new TestCase.FieldValue("price", number(20.5), at(51))), at(51)),
						List.of(new TestCase.ExpectSend(false, Channel.EMAIL, "cart_reminder_coupon", at(52)),
								new TestCase.ExpectStage("Abandoned", at(53)), new TestCase.ExpectTag(true, "vip", at(54)),
								new TestCase.ExpectNothing(at(55))),
						at(49))));
	}
}
