package io.itinera.bench;

import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.testmodels.OnnxTestModels;
import io.itinera.runtime.scoring.ScorerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Rows scored per second through {@link OnnxScorer}, one row per ONNX run ({@code batch = 1})
 * versus batches of 64, 256 and 1024. Every invocation scores the same 1024 rows, so the
 * reported throughput is rows per second for all batch sizes.
 *
 * <p>The model is a logistic regression shaped like the sample models (Tribuo's export:
 * MatMul, Add, Softmax over a {@code [N, features]} float input); pass {@code -p model=PATH},
 * {@code -p features=K} and {@code -p output=NAME} to measure a real file instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBenchmark {
	static final int ROWS = 1024;

	@Param({"1", "64", "256", "1024"})
	public int batch;

	@Param({""})
	public String model;

	@Param({"4"})
	public int features;

	@Param({"output"})
	public String output;

	private Path workDir;
	private OnnxScorer scorer;
	private float[][][] batches;

	@Setup(Level.Trial)
	public void loadModel() throws Exception {
		Path file;
		if (model.isEmpty()) {
			workDir = Files.createTempDirectory("itinera-bench");
			file = OnnxTestModels.softmaxRegression(workDir.resolve("bench.onnx"), weights(features), new float[2]);
		} else {
			file = Path.of(model).toAbsolutePath();
		}
		List<String> inputs = new ArrayList<>();
		for (int i = 0; i < features; i++) {
			inputs.add("f" + i);
		}
		ModelSpec spec = ModelSpec.of("bench", file, inputs, output, 1);
		scorer = OnnxScorer.forModels(Map.of("bench", spec), file.getParent(), ScorerOptions.defaults());
		batches = split(rows(features), batch);
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public void score(Blackhole sink) {
		for (float[][] rows : batches) {
			sink.consume(scorer.score("bench", rows));
		}
	}

	@TearDown(Level.Trial)
	public void close() throws IOException {
		scorer.close();
		if (workDir != null) {
			try (Stream<Path> files = Files.walk(workDir)) {
				for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	static float[][] weights(int features) {
		Random random = new Random(7);
		float[][] weights = new float[features][2];
		for (float[] row : weights) {
			row[0] = (float) random.nextGaussian();
			row[1] = (float) random.nextGaussian();
		}
		return weights;
	}

	static float[][] rows(int features) {
		Random random = new Random(11);
		float[][] rows = new float[ROWS][features];
		for (float[] row : rows) {
			for (int j = 0; j < features; j++) {
				row[j] = (float) random.nextGaussian();
			}
		}
		return rows;
	}

	static float[][][] split(float[][] rows, int size) {
		float[][][] batches = new float[(rows.length + size - 1) / size][][];
		for (int i = 0; i < batches.length; i++) {
			int from = i * size;
			batches[i] = java.util.Arrays.copyOfRange(rows, from, Math.min(rows.length, from + size));
		}
		return batches;
	}
}
