package io.itinera.bench;

import io.itinera.runtime.scoring.DeviceChoice;
import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.ScorerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Customers recommended for per second through {@link OnnxScorer#recommend}: the sample
 * next-item model (ids mapped through its vocabulary, top K in the graph, indices mapped back),
 * one customer per ONNX run ({@code batch = 1}) versus batches of 64, 256 and 1024. Every
 * invocation recommends for the same 1024 customers (recent sequences drawn from the vocabulary,
 * one in ten ids unknown). Run from the repository root, or pass {@code -p model=… -p vocabulary=…};
 * {@code -p device=gpu} on a CUDA machine with the {@code -Pgpu} build.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecommenderBenchmark {
	private static final int CUSTOMERS = 1024;

	@Param({"1", "64", "256", "1024"})
	public int batch;

	@Param({"journeys/models/next_items.onnx"})
	public String model;

	@Param({"journeys/models/items.txt"})
	public String vocabulary;

	@Param({"20"})
	public int length;

	@Param({"10"})
	public int top;

	@Param({"cpu"})
	public String device;

	@Param({"1"})
	public int threads;

	private OnnxScorer scorer;
	private String[][][] batches;

	@Setup(Level.Trial)
	public void loadModel() throws Exception {
		Path file = Path.of(model).toAbsolutePath();
		Path items = Path.of(vocabulary).toAbsolutePath();
		ModelSpec spec = new ModelSpec("next", file, List.of("recentItems"), "items", OptionalInt.of(top),
				DeviceChoice.parse(device), new ModelSpec.RecommenderSpec(items, "scores", top, length));
		scorer = OnnxScorer.forModels(Map.of("next", spec), file.getParent(),
				ScorerOptions.defaults().withIntraOpThreads(threads));
		System.out.println("# recommender runs on " + scorer.device("next"));
		batches = split(sequences(Files.readAllLines(items)), batch);
	}

	@Benchmark
	@OperationsPerInvocation(CUSTOMERS)
	public void recommend(Blackhole sink) {
		for (String[][] sequences : batches) {
			sink.consume(scorer.recommend("next", sequences));
		}
	}

	@TearDown(Level.Trial)
	public void close() {
		scorer.close();
	}

	private String[][] sequences(List<String> ids) {
		Random random = new Random(13);
		String[][] sequences = new String[CUSTOMERS][];
		for (int c = 0; c < CUSTOMERS; c++) {
			sequences[c] = new String[1 + random.nextInt(length)];
			for (int i = 0; i < sequences[c].length; i++) {
				sequences[c][i] = random.nextInt(10) == 0 ? "unknown-" + i : ids.get(random.nextInt(ids.size()));
			}
		}
		return sequences;
	}

	private static String[][][] split(String[][] all, int size) {
		String[][][] parts = new String[(all.length + size - 1) / size][][];
		for (int p = 0; p < parts.length; p++) {
			int from = p * size;
			parts[p] = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + size));
		}
		return parts;
	}
}
