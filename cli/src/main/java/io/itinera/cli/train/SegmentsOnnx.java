package io.itinera.cli.train;

import static io.itinera.cli.train.OnnxGraphs.floatMatrix;
import static io.itinera.cli.train.OnnxGraphs.floats;
import static io.itinera.cli.train.OnnxGraphs.intAttribute;
import static io.itinera.cli.train.OnnxGraphs.longs;
import static io.itinera.cli.train.OnnxGraphs.node;

import ai.onnx.proto.OnnxMl.GraphProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A nearest-centroid model: input {@code input: float[batch, k]} (the features in declared order,
 * raw, NaN for no value); {@link ClusterScaling}'s steps, then the nearest centroid. Outputs
 * {@code cluster: float[batch, 1]} (its index, 0 = the largest cluster) and
 * {@code membership: float[batch, K]} (1 in the customer's cluster's column, else 0), so a journey
 * reads either {@code output cluster} or {@code output membership[c]}.
 */
final class SegmentsOnnx {
	static final String INPUT = "input";
	static final String CLUSTER = "cluster";
	static final String MEMBERSHIP = "membership";

	private SegmentsOnnx() {
	}

	static void write(ClusterScaling scaling, double[][] centroids, Path file, String... metadata) throws IOException {
		int width = scaling.mean().length;
		int k = centroids.length;
		float[] transposed = new float[width * k];
		float[] norms = new float[k];
		for (int c = 0; c < k; c++) {
			for (int d = 0; d < width; d++) {
				transposed[d * k + c] = (float) centroids[c][d];
				norms[c] += (float) (centroids[c][d] * centroids[c][d]);
			}
		}
		GraphProto.Builder graph = GraphProto.newBuilder().setName("itinera_segments").addInput(floatMatrix(INPUT, width))
				.addOutput(floatMatrix(CLUSTER, 1)).addOutput(floatMatrix(MEMBERSHIP, k));
		graph.addInitializer(floats("fill", scaling.fill()))
				.addInitializer(floats("mean", scaling.mean()))
				.addInitializer(floats("scale", scaling.scale()))
				.addInitializer(floats("zero", new float[] { 0 }))
				.addInitializer(floats("one", new float[] { 1 }))
				.addInitializer(floats("minusTwo", new float[] { -2 }))
				.addInitializer(floats("centroidsT", transposed, width, k))
				.addInitializer(floats("norms", norms))
				.addInitializer(longs("depth", k))
				.addInitializer(floats("offOn", new float[] { 0, 1 }))
				.addInitializer(longs("axis1", 1))
				.addNode(node("IsNaN", List.of(INPUT), "missing"))
				.addNode(node("Where", List.of("missing", "fill", INPUT), "filled"))
				.addNode(node("Max", List.of("filled", "zero"), "positive"))
				.addNode(node("Add", List.of("positive", "one"), "plusOne"))
				.addNode(node("Log", List.of("plusOne"), "logged"))
				.addNode(node("Sub", List.of("logged", "mean"), "centred"))
				.addNode(node("Div", List.of("centred", "scale"), "scaled"))
				// |x − c|² = |x|² − 2x·c + |c|²; |x|² is the same for every centroid, so the nearest needs the rest
				.addNode(node("MatMul", List.of("scaled", "centroidsT"), "dot"))
				.addNode(node("Mul", List.of("dot", "minusTwo"), "crossTerm"))
				.addNode(node("Add", List.of("crossTerm", "norms"), "distance"))
				.addNode(node("ArgMin", List.of("distance"), List.of("nearest"), intAttribute("axis", 1),
						intAttribute("keepdims", 1)))
				.addNode(node("Cast", List.of("nearest"), List.of(CLUSTER), intAttribute("to", 1)))
				.addNode(node("OneHot", List.of("nearest", "depth", "offOn"), List.of("oneHot"), intAttribute("axis", -1)))
				.addNode(node("Squeeze", List.of("oneHot", "axis1"), MEMBERSHIP));
		OnnxGraphs.write(graph.build(), file, metadata);
	}
}
