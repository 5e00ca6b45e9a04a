package io.itinera.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Expr.BinaryOp;
import io.itinera.runtime.plan.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {
	static final SourceLocation AT = new SourceLocation("e.journey", 7, 9);
	final ExprCompiler compiler = new ExprCompiler(name -> List.of("cartValue", "views").indexOf(name),
			name -> List.of("intent").indexOf(name), name -> List.of("tier", "age").indexOf(name));

	/** cartValue = 150, views = NaN (no value), intent = 0.2, tier = "gold", age = 41 (a Long); event cart_add{price: 20}. */
	final EvalContext customer = new EvalContext() {
		@Override
		public double feature(int featureIndex) {
			return featureIndex == 0 ? 150 : Double.NaN;
		}

		@Override
		public double score(int modelIndex) {
			return 0.2;
		}

		@Override
		public Object attribute(int attributeIndex) {
			return attributeIndex == 0 ? "gold" : (Object) 41L;
		}

		@Override
		public Object eventField(String event, String field) {
			return event.equals("cart_add") ? Map.<String, Object>of("price", 20.0).get(field) : null;
		}
	};

	static Expr num(double value) {
		return new Expr.NumberLit(value, AT);
	}

	static Expr bin(BinaryOp op, Expr left, Expr right) {
		return new Expr.Binary(op, left, right, AT);
	}

	static final Expr CART = new Expr.FeatureRef("cartValue", AT);
	static final Expr VIEWS = new Expr.FeatureRef("views", AT);
	static final Expr INTENT = new Expr.ScoreRef("intent", AT);
	static final Expr TIER = new Expr.AttributeRef("tier", AT);
	static final Expr AGE = new Expr.AttributeRef("age", AT);
	static final Expr PRICE = new Expr.EventFieldRef("cart_add", "price", AT);

	boolean test(Expr expr) {
		return compiler.compile(expr).test(customer);
	}

	@Test
	void comparesAndCombines() {
		assertTrue(test(bin(BinaryOp.AND, bin(BinaryOp.GT, CART, num(100)), bin(BinaryOp.LT, INTENT, num(0.4)))));
		assertFalse(test(bin(BinaryOp.AND, bin(BinaryOp.GT, CART, num(100)), bin(BinaryOp.GT, INTENT, num(0.4)))));
		assertTrue(test(bin(BinaryOp.OR, bin(BinaryOp.GT, CART, num(1000)), bin(BinaryOp.EQ, TIER, new Expr.StringLit("gold", AT)))));
		assertTrue(test(new Expr.Not(bin(BinaryOp.NE, AGE, num(41)), AT)), "a Long attribute equals the number 41");
		assertTrue(test(bin(BinaryOp.GE, bin(BinaryOp.ADD, PRICE, bin(BinaryOp.MUL, num(2), num(5))), num(30))));
		assertTrue(test(bin(BinaryOp.EQ, new Expr.Negate(bin(BinaryOp.DIV, CART, num(3)), AT), num(-50))));
	}

	@Test
	void durationsCompareInDaysLikeRecencyFeatures() {
		Expr days150 = new Expr.DurationLit(150L * 86_400_000L, AT);
		assertTrue(test(bin(BinaryOp.LT, num(120), days150)), "120 days idle is under 150 days");
		assertFalse(test(bin(BinaryOp.LT, num(151), days150)));
		assertTrue(test(bin(BinaryOp.LT, new Expr.DurationLit(3_600_000L, AT), num(0.05))), "an hour is 1/24 of a day");
	}

	@Test
	void noValueMakesComparisonsFalse() {
		assertFalse(test(bin(BinaryOp.GT, VIEWS, num(0))));
		assertFalse(test(bin(BinaryOp.LE, VIEWS, num(0))));
		assertFalse(test(bin(BinaryOp.EQ, new Expr.EventFieldRef("purchase", "amount", AT), num(0))),
				"a field of another event is no value");
	}

	@Test
	void membership() {
		List<Expr> metals = List.of(new Expr.StringLit("gold", AT), new Expr.StringLit("silver", AT));
		assertTrue(test(new Expr.Membership(TIER, false, metals, AT)));
		assertFalse(test(new Expr.Membership(TIER, true, metals, AT)));
		assertTrue(test(new Expr.Membership(AGE, false, List.of(num(40), num(41)), AT)));
	}

	@Test
	void unknownNamesAreRefusedAtCompileTimeWithTheirLine() {
		var error = assertThrows(IllegalArgumentException.class, () -> compiler.compile(new Expr.FeatureRef("nope", AT)));
		assertTrue(error.getMessage().startsWith("e.journey:7:9"), error.getMessage());
	}

	@Test
	void collectsTheModelsAConditionReads() {
		List<String> models = new ArrayList<>();
		ExprCompiler.collectModels(bin(BinaryOp.AND, bin(BinaryOp.GT, INTENT, num(1)), new Expr.Not(bin(BinaryOp.LT, INTENT, num(0)), AT)),
				models);
		assertEquals(List.of("intent"), models);
	}
}
