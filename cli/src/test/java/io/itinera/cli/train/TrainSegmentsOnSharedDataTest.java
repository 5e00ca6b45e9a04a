package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.itinera.runtime.scoring.OnnxModelInspector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera train segments} on the UCI baskets: the same seed gives the same clusters (sizes,
 * centroids, the file itself), and the exported nearest-centroid model, scored through the
 * engine's DJL scorer, puts every customer where the Java nearest centroid does.
 */
class TrainSegmentsOnSharedDataTest {
	private static final List<String> INPUTS = List.of("daysIdle", "orders", "spend");

	@TempDir
	static Path dir;

	static CustomerTable table;
	static boolean[] recency;
	/** The command's defaults (k 2..8, sample 1000, 10 restarts, seed 1), trained in Java. */
	static SegmentTrainer.Result result;
	static Path once;
	static Path twice;
	static String summary;

	@BeforeAll
	static void readTheBaskets() throws Exception {
		assumeTrue(Files.isRegularFile(RfmOnSharedDataTest.UCI), "the real UCI baskets are absent");
		LogOptions log = new LogOptions();
		log.events = RfmOnSharedDataTest.UCI;
		log.map = RfmOnSharedDataTest.UCI_MAP;
		log.delimiter = ",";
		TrainingInputs inputs = TrainingInputs.load(RfmOnSharedDataTest.JOURNEY, log, new PrintWriter(new StringWriter()));
		assertNotNull(inputs);
		table = CustomerTable.of(inputs.plan(), "learned", INPUTS, inputs.history().byCustomer(),
				CustomerTable.end(inputs.history().byCustomer()));
		recency = new boolean[] { true, false, false };
		result = new SegmentTrainer(2, 8, 1000, 10, 1).train(table.rows(), recency);
		once = dir.resolve("once/segments.onnx");
		twice = dir.resolve("twice/segments.onnx");
		summary = train(once);
		assertEquals(summary, train(twice));
	}

	@Test
	void theSameSeedGivesTheSameClusters() {
		SegmentTrainer trainer = new SegmentTrainer(2, 5, 600, 4, 7);
		SegmentTrainer.Result first = trainer.train(table.rows(), recency);
		SegmentTrainer.Result second = trainer.train(table.rows(), recency);
		assertArrayEquals(first.clustering().sizes(), second.clustering().sizes());
		for (int c = 0; c < first.k(); c++) {
			assertArrayEquals(first.clustering().centroids()[c], second.clustering().centroids()[c], 0.0);
		}
		assertEquals(first.silhouettes(), second.silhouettes());
		int[] sizes = first.clustering().sizes();
		assertEquals(table.size(), java.util.Arrays.stream(sizes).sum());
		for (int c = 1; c < sizes.length; c++) {
			assertTrue(sizes[c - 1] >= sizes[c], "numbered largest first");
		}
	}

	@Test
	void theCommandWritesTheSameFileTwiceAndItAssignsAsJavaDoes() throws Exception {
		assertTrue(summary.startsWith("learned: 2 clusters of 3143 customers: 0 Hibernating (2133), 1 Champions (1010)"),
				summary);
		assertArrayEquals(Files.readAllBytes(once), Files.readAllBytes(twice), "the same bytes from the same seed");
		assertEquals(Files.readString(dir.resolve("once/segments.report.md")),
				Files.readString(dir.resolve("twice/segments.report.md")));
		assertEquals("inputs input: float[?, 3]; outputs cluster: float[?, 1], membership: float[?, 2]",
				OnnxModelInspector.shared().inspect(once).describe());

		// the same clustering in Java, then every customer's nearest centroid against the file's answer
		assertArrayEquals(new int[] { 2133, 1010 }, result.clustering().sizes());
		float[] clusters = TrainingInputs.score(once, INPUTS, SegmentsOnnx.CLUSTER, table.rows());
		float[][] membership = new float[result.k()][];
		for (int c = 0; c < result.k(); c++) {
			membership[c] = scoreColumn(once, c);
		}
		int[] counted = new int[result.k()];
		for (int i = 0; i < table.size(); i++) {
			int java = KMeans.nearest(result.scaling().apply(table.rows()[i]), result.clustering().centroids());
			assertEquals(java, (int) clusters[i], "customer " + table.customers().get(i));
			for (int c = 0; c < result.k(); c++) {
				assertEquals(c == java ? 1f : 0f, membership[c][i], "membership of customer " + table.customers().get(i));
			}
			counted[java]++;
		}
		assertArrayEquals(result.clustering().sizes(), counted);
		String report = Files.readString(dir.resolve("once/segments.report.md"));
		assertTrue(report.contains("| 2 (chosen) |"), report);
		assertTrue(report.contains("| 1 | Champions | 1010 | 32.1% |"), report);
	}

	@Test
	void aMissingValueIsScoredLikeTheJavaFill() throws Exception {
		Path file = once;
		float[][] rows = { { Float.NaN, Float.NaN, Float.NaN }, { 3, 12, 9000 }, { 200, 1, -50 } };
		float[] clusters = TrainingInputs.score(file, INPUTS, SegmentsOnnx.CLUSTER, rows);
		for (int i = 0; i < rows.length; i++) {
			assertEquals(KMeans.nearest(result.scaling().apply(rows[i]), result.clustering().centroids()), (int) clusters[i]);
		}
		assertEquals(0, (int) clusters[2], "long gone, one order: the Hibernating cluster");
		assertEquals(1, (int) clusters[1], "recent, frequent, big: the Champions cluster");
	}

	private static float[] scoreColumn(Path file, int column) throws Exception {
		io.itinera.runtime.scoring.ModelSpec spec = io.itinera.runtime.scoring.ModelSpec.of("m", file, INPUTS,
				SegmentsOnnx.MEMBERSHIP, column);
		try (io.itinera.runtime.scoring.OnnxScorer scorer = io.itinera.runtime.scoring.OnnxScorer.forModels(
				java.util.Map.of("m", spec), file.getParent(), io.itinera.runtime.scoring.ScorerOptions.defaults())) {
			return scorer.score("m", table.rows());
		}
	}

	private static String train(Path model) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = TrainCli.train(out, err, "segments", RfmOnSharedDataTest.JOURNEY.toString(), "--model", "learned",
				"--events", RfmOnSharedDataTest.UCI.toString(), "--map", RfmOnSharedDataTest.UCI_MAP, "-o", model.toString(),
				"--seed", "1");
		assertEquals(0, exit, err.toString());
		return out.toString().lines().findFirst().orElse("");
	}
}
