package io.itinera.bench;

import io.itinera.runtime.scoring.remote.RemoteModelSpec;
import io.itinera.runtime.scoring.remote.RemoteScorer;
import io.itinera.runtime.scoring.remote.RemoteSettings;
import io.itinera.testmodels.InferenceServerStub;
import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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
 * Rows scored per second through {@link RemoteScorer} over loopback HTTP/JSON against an Open
 * Inference Protocol server that runs the model with ONNX Runtime in the same process (the
 * {@link ScoringBenchmark} model and rows): one row per request versus batches of 64 and 1024.
 * Beside {@link ScoringBenchmark}'s figures it shows what the protocol costs per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RemoteScoringBenchmark {
	@Param({"1", "64", "1024"})
	public int batch;

	@Param({"4"})
	public int features;

	private InferenceServerStub server;
	private RemoteScorer scorer;
	private float[][][] batches;

	@Setup(Level.Trial)
	public void startServer() throws Exception {
		Path dir = Files.createTempDirectory("itinera-bench");
		Path file = OnnxTestModels.softmaxRegression(dir.resolve("bench.onnx"), ScoringBenchmark.weights(features), new float[2]);
		server = InferenceServerStub.start().serve("bench", file);
		List<String> inputs = new ArrayList<>();
		for (int i = 0; i < features; i++) {
			inputs.add("f" + i);
		}
		scorer = RemoteScorer.connect(List.of(new RemoteModelSpec("bench", server.modelUrl("bench"), inputs, "output",
				OptionalInt.of(1), file, null)), dir, RemoteSettings.DEFAULTS, Map.of());
		batches = ScoringBenchmark.split(ScoringBenchmark.rows(features), batch);
	}

	@Benchmark
	@OperationsPerInvocation(ScoringBenchmark.ROWS)
	public void score(Blackhole sink) {
		for (float[][] rows : batches) {
			sink.consume(scorer.score("bench", rows));
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		scorer.close();
		server.close();
	}
}
