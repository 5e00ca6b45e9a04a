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
 * RFM scores as an ONNX model: input {@code input: float[batch, 3]} (recency in days, frequency,
 * monetary, in that order), outputs {@code r}, {@code f}, {@code m}: {@code float[batch, 1]}
 * scores 1..5. The cut points are the model's constants, so the step function only reads them.
 */
final class RfmOnnx {
	static final String INPUT = "input";
	static final List<String> OUTPUTS = List.of("r", "f", "m");

	private RfmOnnx() {
	}

	static void write(RfmQuintiles quintiles, Path file, String... metadata) throws IOException {
		float[] cuts = new float[RfmQuintiles.CUTS * 3];
		for (int i = 0; i < RfmQuintiles.CUTS; i++) {
			cuts[i * 3] = quintiles.recencyCuts()[i];
			cuts[i * 3 + 1] = quintiles.frequencyCuts()[i];
			cuts[i * 3 + 2] = quintiles.monetaryCuts()[i];
		}
		GraphProto.Builder graph = GraphProto.newBuilder().setName("itinera_rfm").addInput(floatMatrix(INPUT, 3));
		OUTPUTS.forEach(output -> graph.addOutput(floatMatrix(output, 1)));
		// no value scores 1: never ordered is the least recent, and less than any frequency or spend
		graph.addInitializer(floats("fill", new float[] { Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE }))
				.addInitializer(floats("cuts", cuts, RfmQuintiles.CUTS, 3))
				.addInitializer(floats("sign", new float[] { -1, 1, 1 }))
				.addInitializer(floats("base", new float[] { RfmQuintiles.CUTS + 1, 1, 1 }))
				.addInitializer(longs("axis1", 1))
				.addInitializer(longs("ones", 1, 1, 1))
				.addNode(node("IsNaN", List.of(INPUT), "missing"))
				.addNode(node("Where", List.of("missing", "fill", INPUT), "filled"))
				.addNode(node("Unsqueeze", List.of("filled", "axis1"), "column"))
				.addNode(node("Greater", List.of("column", "cuts"), "above"))
				.addNode(node("Cast", List.of("above"), List.of("aboveCount"), intAttribute("to", 1)))
				.addNode(node("ReduceSum", List.of("aboveCount", "axis1"), List.of("passed"), intAttribute("keepdims", 0)))
				.addNode(node("Mul", List.of("passed", "sign"), "signed"))
				.addNode(node("Add", List.of("signed", "base"), "scores"))
				.addNode(node("Split", List.of("scores", "ones"), OUTPUTS, intAttribute("axis", 1)));
		OnnxGraphs.write(graph.build(), file, metadata);
	}
}
