package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.ItineraCommandAccess;
import io.itinera.runtime.io.SyntheticEventLog;
import io.itinera.runtime.scoring.OnnxModelInspector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
		log = dir.resolve("shop.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(30_000, 600, 3, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 60, false)
					.write(out);
		}
	}

	@Test
	void segmentsWritesTheDeclaredModelAndAReport() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = run(out, err, "segments", journey.toString(), "--model", "best", "--events", log.toString(), "--k", "3");
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
		int exit = run(out, err, "rfm", journey.toString(), "--events", log.toString(), "--as-of", "2026-04-15");
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
		int exit = run(new StringWriter(), err, "segments", journey.toString(), "--model", "rfmR", "--events",
				log.toString());
		assertEquals(1, exit);
		assertTrue(err.toString().contains("model rfmR must read output cluster (the cluster's number) or membership[C]"),
				err.toString());
	}

	@Test
	void aBadKIsAnError() {
		StringWriter err = new StringWriter();
		assertEquals(1, run(new StringWriter(), err, "segments", journey.toString(), "--model", "best", "--events",
				log.toString(), "--k", "5..3"));
		assertTrue(err.toString().startsWith("--k 5..3: give a number of clusters"), err.toString());
	}

	private static int run(StringWriter out, StringWriter err, String... args) {
		CommandLine command = ItineraCommandAccess.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));
		List<String> all = new ArrayList<>(List.of("train"));
		all.addAll(List.of(args));
		return command.execute(all.toArray(String[]::new));
	}
}
