package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxModelInspector;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.ScorerOptions;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a real model from a small seeded log through the command, then loads and scores what it wrote. */
class TrainCommandTest {
	private static final String JOURNEY = """
			journey Shop {
			  entry on cart_add
			  event product_view { productId: string  category: string  price: decimal }
			  event cart_add     { productId: string  price: decimal }
			  event purchase     { orderId: string  amount: decimal }
			  feature views7d   = count(product_view) over 7 days
			  feature cartValue = sum(cart_add.price) since last purchase
			  feature daysIdle  = days since last purchase
			  feature spend90d  = sum(purchase.amount) over 90 days
			  model intent "models/intent.onnx" {
			    inputs views7d, cartValue, daysIdle, spend90d
			    output probability[1]
			  }
			  stage Browsing (awareness) { when intent > 0.6 -> Keen }
			  stage Keen (consideration) { }
			}
			""";

	@TempDir
	static Path dir;

	static Path journey;
	static Path log;

	@BeforeAll
	static void writeJourneyAndLog() throws Exception {
		journey = Files.writeString(dir.resolve("shop.journey"), JOURNEY);
		log = TrainCli.shopLog(dir, 45);
	}

	@Test
	void trainsWritesTheDeclaredModelAndAReport() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(out, err, journey.toString(), "--model", "intent", "--events", log.toString(), "--outcome",
				"purchase", "--within", "7d", "--threshold", "0.6");
		assertEquals(0, exit, err.toString());

		Path model = dir.resolve("models/intent.onnx");
		assertTrue(Files.isRegularFile(model), out.toString());
		assertEquals("inputs input: float[?, 4]; outputs probability: float[?, 2]",
				OnnxModelInspector.shared().inspect(model).describe());
		String report = Files.readString(dir.resolve("models/intent.report.md"));
		assertTrue(report.contains("| ROC AUC | 0."), report);
		assertTrue(out.toString().startsWith("intent: held-out AUC "), out.toString());

		ModelSpec spec = ModelSpec.of("intent", Path.of("models/intent.onnx"),
				List.of("views7d", "cartValue", "daysIdle", "spend90d"), "probability", 1);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", spec), dir, ScorerOptions.defaults())) {
			float[] scores = scorer.score("intent", new float[][] {{3, 120, Float.NaN, 0}, {0, 0, 2, 80}});
			for (float score : scores) {
				assertTrue(score > 0 && score < 1, "a probability, even with a missing input: " + score);
			}
		}
	}

	@Test
	void anUnknownModelIsAnErrorThatListsTheDeclaredOnes() {
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(new StringWriter(), err, journey.toString(), "--model", "churn", "--events", log.toString(),
				"--outcome", "purchase", "--within", "7d");
		assertEquals(1, exit);
		assertTrue(err.toString().contains("no model named churn; the journey declares [intent]"), err.toString());
	}

	@Test
	void aMissingLogIsAnErrorNotAStackTrace() {
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(new StringWriter(), err, journey.toString(), "--model", "intent", "--events",
				dir.resolve("nope.csv").toString(), "--outcome", "purchase", "--within", "7d");
		assertEquals(2, exit, "a wrong input, as in every command");
		assertTrue(err.toString().contains("nope.csv: no such event log"), err.toString());
	}

	@Test
	void withoutASubcommandTheModelOptionsAreRequired() {
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(new StringWriter(), err, journey.toString(), "--model", "intent", "--events", log.toString());
		assertEquals(2, exit, err.toString());
		assertTrue(err.toString().contains("Missing required: --outcome, --within (or a subcommand: segments, rfm, offers)"),
				err.toString());
	}
}
