package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.scoring.OnnxModelInspector;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train segments and train rfm through the command line on a seeded synthetic shop log (no ../shared needed). */
class TrainSegmentsCommandTest {
	private static final String JOURNEY = """
			journey Shop {
			  entry on purchase
			  event product_view { productId: string  category: string  price: decimal }
			  event cart_add     { productId: string  price: decimal }
			  event purchase     { orderId: string  amount: decimal }
			  feature daysIdle = days since last purchase
			  feature orders   = count(purchase)
			  feature spend    = sum(purchase.amount)
			  model best "models/segments.onnx" { inputs daysIdle, orders, spend  output membership[1] }
			  model rfmR "models/rfm.onnx" { inputs daysIdle, orders, spend  output r }
			  model rfmF "models/rfm.onnx" { inputs daysIdle, orders, spend  output f }
			  model rfmM "models/rfm.onnx" { inputs daysIdle, orders, spend  output m }
			  stage Buying (purchase) {
			    when best > 0.5 -> Best
			    when rfmR >= 4 and rfmF >= 4 -> Best
			  }
			  stage Best (loyalty) { }
			}
			""";

	@TempDir
	static Path dir;

	static Path journey;
	static Path log;

	@BeforeAll
	static void writeJourneyAndLog() throws Exception {
		journey = Files.writeString(dir.resolve("shop.journey"), JOURNEY);
		log = TrainCli.shopLog(dir, 60);
	}

	@Test
	void segmentsWritesTheDeclaredModelAndAReport() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(out, err, "segments", journey.toString(), "--model", "best", "--events", log.toString(), "--k", "3");
		assertEquals(0, exit, err.toString());
		assertTrue(out.toString().startsWith("best: 3 clusters of "), out.toString());
		assertEquals("inputs input: float[?, 3]; outputs cluster: float[?, 1], membership: float[?, 3]",
				OnnxModelInspector.shared().inspect(dir.resolve("models/segments.onnx")).describe());
		String report = Files.readString(dir.resolve("models/segments.report.md"));
		assertTrue(report.contains("| 3 (chosen) | – (one k given) |"), report);
		assertTrue(report.contains("Cluster sizes at the end of each month"), report);
	}

	@Test
	void rfmWritesOneFileForTheThreeModels() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(out, err, "rfm", journey.toString(), "--events", log.toString(), "--as-of", "2026-04-15");
		assertEquals(0, exit, err.toString());
		assertTrue(out.toString().startsWith("rfm: "), out.toString());
		assertTrue(out.toString().contains("as of 2026-04-15T00:00:00Z"), out.toString());
		assertEquals("inputs input: float[?, 3]; outputs r: float[?, 1], f: float[?, 1], m: float[?, 1]",
				OnnxModelInspector.shared().inspect(dir.resolve("models/rfm.onnx")).describe());
		assertTrue(Files.readString(dir.resolve("models/rfm.report.md")).contains("| F (frequency) |"));
	}

	@Test
	void aModelThatReadsAnotherOutputIsAnErrorThatSaysWhatToDeclare() {
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(new StringWriter(), err, "segments", journey.toString(), "--model", "rfmR", "--events",
				log.toString());
		assertEquals(1, exit);
		assertTrue(err.toString().contains("model rfmR must read output cluster (the cluster's number) or membership[C]"),
				err.toString());
	}

	@Test
	void aBadKIsAnError() {
		StringWriter err = new StringWriter();
		assertEquals(1, TrainCli.train(new StringWriter(), err, "segments", journey.toString(), "--model", "best", "--events",
				log.toString(), "--k", "5..3"));
		assertTrue(err.toString().startsWith("--k 5..3: give a number of clusters"), err.toString());
	}

}
