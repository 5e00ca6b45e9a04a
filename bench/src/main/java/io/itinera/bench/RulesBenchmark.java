package io.itinera.bench;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.Entry;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.Device;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.rules.CustomerFact;
import io.itinera.runtime.rules.Decisions;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.rules.RuleAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.StatelessKieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluations per second for one campaign of 20 rules (19 conditions on features, a score
 * and attributes, then otherwise), on random customers: {@link DroolsCampaignRules} (a stateful
 * session per thread that inserts, fires and deletes: what the engine uses), against a stateless session
 * per thread, which builds a working memory per execution. Run: {@code java -jar bench/target/benchmarks.jar RulesBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RulesBenchmark {
	private static final SourceLocation AT = SourceLocation.UNKNOWN;
	static final int RULES = 20;

	@State(Scope.Benchmark)
	public static class Rules {
		DroolsCampaignRules rules;

		@Setup(Level.Trial)
		public void build() {
			rules = DroolsCampaignRules.build(twentyRules());
		}
	}

	@State(Scope.Thread)
	public static class Customers {
		final CustomerFact[] facts = new CustomerFact[1024];
		int next;
		StatelessKieSession stateless;
		Decisions decisions = new Decisions();

		@Setup(Level.Trial)
		public void create(Rules rules) {
			SplittableRandom random = new SplittableRandom(42);
			String[] tiers = { "gold", "silver", "bronze" };
			for (int i = 0; i < facts.length; i++) {
				facts[i] = new CustomerFact("c" + i, 0, "Active", true,
						Map.of("tier", tiers[random.nextInt(3)], "country", random.nextBoolean() ? "DE" : "FR"),
						Map.of("views", (double) random.nextInt(30), "spend", random.nextDouble(500), "idle", (double) random.nextInt(60)),
						Map.of("intent", random.nextDouble()), Map.of(), List.of("Offers"), Set.of(), null);
			}
			stateless = rules.rules.kieBase().newStatelessKieSession();
			stateless.setGlobal("decisions", decisions);
		}

		CustomerFact next() {
			next = (next + 1) & (facts.length - 1);
			return facts[next];
		}
	}

	@Benchmark
	public List<RuleAction> statefulSessionPerThread(Rules rules, Customers customers) {
		return rules.rules.evaluate(customers.next());
	}

	@Benchmark
	public List<RuleAction> statelessSessionPerThread(Customers customers) {
		customers.stateless.execute(customers.next());
		return customers.decisions.drain();
	}

	/** A journey with one stage and one campaign of 19 conditional rules and an otherwise. */
	public static JourneyPlan twentyRules() {
		List<CampaignRule> rules = new ArrayList<>();
		String[] features = { "views", "spend", "idle" };
		for (int i = 0; i < RULES - 1; i++) {
			Expr feature = new Expr.FeatureRef(features[i % 3], AT);
			Expr threshold = new Expr.NumberLit(i % 3 == 1 ? 400 - i * 10 : 28 - i, AT);
			Expr condition = new Expr.Binary(Expr.BinaryOp.AND, new Expr.Binary(Expr.BinaryOp.GT, feature, threshold, AT),
					new Expr.Binary(i % 2 == 0 ? Expr.BinaryOp.EQ : Expr.BinaryOp.NE, new Expr.AttributeRef("tier", AT),
							new Expr.StringLit("gold", AT), AT), AT);
			if (i % 4 == 0) {
				condition = new Expr.Binary(Expr.BinaryOp.OR, condition,
						new Expr.Binary(Expr.BinaryOp.GT, new Expr.ScoreRef("intent", AT), new Expr.NumberLit(0.95, AT), AT), AT);
			}
			rules.add(new CampaignRule("rule " + i, condition, false, List.of(new Action.Send(Channel.EMAIL, "offer_" + i,
					List.of(new Action.Param("spend", new Expr.FeatureRef("spend", AT), AT)), AT)), AT));
		}
		rules.add(new CampaignRule("fallback", null, true, List.of(new Action.Send(Channel.PUSH, "hello", List.of(), AT)), AT));
		return new JourneyPlan(JourneyPlan.FORMAT_VERSION, "Bench", null, AT, new Entry("view", null, "Active", AT),
				Reentry.never(AT), List.of(), null,
				List.of(new Attribute("tier", ValueType.STRING, AT), new Attribute("country", ValueType.STRING, AT)),
				List.of(new EventType("view", List.of(), AT)),
				List.of(new Feature("views", AggregateKind.COUNT, "view", null, new FeatureWindow.Lifetime(), AT),
						new Feature("spend", AggregateKind.COUNT, "view", null, new FeatureWindow.Lifetime(), AT),
						new Feature("idle", AggregateKind.DAYS_SINCE, "view", null, new FeatureWindow.Lifetime(), AT)),
				List.of(new Model("intent", "m.onnx", List.of("views"), "p", null, Device.CPU, AT)),
				List.of(new Stage("Active", (String) null, List.of(), AT)),
				List.of(new Campaign("Offers", List.of("Active"), List.of(), null, rules, null, AT)), List.of(), List.of());
	}
}
