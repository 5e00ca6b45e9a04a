package io.itinera.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.Device;
import io.itinera.runtime.plan.Entry;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.Phase;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Exit;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.RuleAction;
import io.itinera.runtime.scoring.Scorer;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test plans, rules, a scorer and logs for the engine tests: small, deterministic, built by hand. */
final class EngineFixtures {
	static final long HOUR = 3_600_000L;
	static final long DAY = 24 * HOUR;
	private static final SourceLocation AT = new SourceLocation("test.journey", 1, 1);

	private EngineFixtures() {
	}

	/** Cart recovery over the synthetic log's events, with a model trigger and a campaign in Abandoned. */
	static JourneyPlan cartRecovery() {
		return new JourneyPlan(JourneyPlan.FORMAT_VERSION, "CartTest", null, AT,
				new Entry("cart_add", null, "Carted", AT), Reentry.after(2 * DAY, AT),
				List.of(new Exit("purchase", null, AT)), null, List.of(),
				List.of(new EventType("product_view", List.of(field("productId", ValueType.STRING),
						field("category", ValueType.STRING), field("price", ValueType.DECIMAL)), AT),
						new EventType("favourite", List.of(field("productId", ValueType.STRING)), AT),
						new EventType("cart_add", List.of(field("productId", ValueType.STRING), field("price", ValueType.DECIMAL)), AT),
						new EventType("purchase", List.of(field("orderId", ValueType.STRING), field("amount", ValueType.DECIMAL)), AT)),
				List.of(new Feature("views7d", AggregateKind.COUNT, "product_view", null, new FeatureWindow.Sliding(7 * DAY), AT),
						new Feature("cartValue", AggregateKind.SUM, "cart_add", "price", new FeatureWindow.SinceLast("purchase"), AT)),
				List.of(new Model("intent", "intent.onnx", List.of("views7d", "cartValue"), "p", null, Device.CPU, AT)),
				List.of(new Stage("Browsing", Phase.AWARENESS, List.of(new Transition.OnEvent("cart_add", null, "Carted", AT)), AT),
						new Stage("Carted", Phase.CONSIDERATION, List.of(new Transition.AfterDelay(HOUR, "Abandoned", AT)), AT),
						new Stage("Abandoned", Phase.CONSIDERATION, List.of(
								new Transition.WhenScore(new Expr.Binary(Expr.BinaryOp.GT, new Expr.ScoreRef("intent", AT),
										new Expr.NumberLit(0.6, AT), AT), null, "HighIntent", AT),
								new Transition.AfterDelay(DAY, "Lapsed", AT)), AT),
						new Stage("HighIntent", Phase.CONSIDERATION, List.of(new Transition.AfterDelay(DAY, "Lapsed", AT)), AT),
						new Stage("Lapsed", Phase.AWARENESS, List.of(), AT)),
				List.of(new Campaign("Rescue", List.of("Abandoned", "HighIntent"), List.of(), null, List.of(), null, AT)),
				List.of(), List.of());
	}

	private static FieldDecl field(String name, ValueType type) {
		return new FieldDecl(name, type, AT);
	}

	/** Rules stood in for: a push on entering a rescue stage, an email too on entering HighIntent. */
	static CampaignRules rules() {
		return customer -> {
			if (!customer.isStageEntered() || !customer.getCampaigns().contains("Rescue")) {
				return List.of();
			}
			if (customer.getStage().equals("HighIntent")) {
				return List.of(new RuleAction("Rescue", "Sure buyers", 0, "send", "email", "cart_coupon", Map.of("coupon", "SAVE10")));
			}
			return List.of(new RuleAction("Rescue", "Reminder", 0, "send", "push", "cart_reminder", Map.of()));
		};
	}

	/** A stand-in model: a fixed function of the inputs, so every run gets the same scores. */
	static Scorer scorer() {
		return (model, rows) -> {
			float[] scores = new float[rows.length];
			for (int i = 0; i < rows.length; i++) {
				float sum = 0;
				for (float value : rows[i]) {
					sum += Float.isNaN(value) ? 0 : value;
				}
				scores[i] = (float) (1 / (1 + Math.exp(-(sum - 60) / 30)));
			}
			return scores;
		};
	}

	static Path syntheticLog(Path directory, long events, int customers, long seed) throws IOException {
		Path log = directory.resolve("events-" + events + "-" + seed + ".csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(events, customers, seed, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 10, false).write(out);
		}
		return log;
	}

	static EventLogSource open(Path log, JourneyPlan plan) throws IOException {
		return EventLogSource.open(log, InputFormat.guess(log), ColumnMapping.defaults(), null, ',', EventSchema.of(plan));
	}

	static EngineConfig config(int workers) {
		return EngineConfig.defaults().withWorkers(workers).withBarrierEveryLines(500).withCheckpointEveryMillis(0)
				.withDriver(DriverSettings.replay().withScoring(64, 500)).withRunName("CartTest over test log");
	}

	/** Asserts that the actions and stage changes written in {@code actual} are those in {@code expected}, line for line. */
	static void assertSameOutputs(Path expected, Path actual) throws IOException {
		for (String file : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES)) {
			assertEquals(Files.readString(expected.resolve(file)), Files.readString(actual.resolve(file)), file);
		}
	}
}
