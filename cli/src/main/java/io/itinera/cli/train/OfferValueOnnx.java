package io.itinera.cli.train;

import static io.itinera.cli.train.OnnxGraphs.floatMatrix;
import static io.itinera.cli.train.OnnxGraphs.floats;
import static io.itinera.cli.train.OnnxGraphs.node;

import ai.onnx.proto.OnnxMl.GraphProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An offer-value model as ONNX: input {@code [batch, k]} raw features, NaN filled and standardised
 * ({@link InputScaling}), then {@code MatMul} by the offers' weights {@code [k, offers]} and {@code Add} of their
 * intercepts: output {@code [batch, offers]}, one expected value per offer in the journey's listed order.
 */
final class OfferValueOnnx {
	static final String INPUT = "features";

	private OfferValueOnnx() {
	}

	static void write(InputScaling scaling, List<RidgeRegression> perOffer, String output, Path file, String... metadata)
			throws IOException {
		int width = scaling.mean().length;
		int offers = perOffer.size();
		float[] weights = new float[width * offers];
		float[] intercepts = new float[offers];
		for (int o = 0; o < offers; o++) {
			intercepts[o] = (float) perOffer.get(o).intercept();
			for (int f = 0; f < width; f++) {
				weights[f * offers + o] = (float) perOffer.get(o).weights()[f];
			}
		}
		GraphProto graph = GraphProto.newBuilder().setName("itinera_offer_value")
				.addInput(floatMatrix(INPUT, width))
				.addOutput(floatMatrix(output, offers))
				.addInitializer(floats("fill", scaling.fill()))
				.addInitializer(floats("mean", scaling.mean()))
				.addInitializer(floats("scale", scaling.scale()))
				.addInitializer(floats("weights", weights, width, offers))
				.addInitializer(floats("intercepts", intercepts))
				.addNode(node("IsNaN", List.of(INPUT), "missing"))
				.addNode(node("Where", List.of("missing", "fill", INPUT), "filled"))
				.addNode(node("Sub", List.of("filled", "mean"), "centred"))
				.addNode(node("Div", List.of("centred", "scale"), "scaled"))
				.addNode(node("MatMul", List.of("scaled", "weights"), "products"))
				.addNode(node("Add", List.of("products", "intercepts"), output))
				.build();
		OnnxGraphs.write(graph, file, metadata);
	}
}
