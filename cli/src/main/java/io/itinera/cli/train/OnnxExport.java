package io.itinera.cli.train;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/**
 * Writes the trained model as ONNX: Tribuo's own export of the linear model (input
 * {@code [N, k]} float, softmax over the classes), with the input scaling put in front of it
 * (NaN to fill value, standardise) and its output renamed to what the journey declares.
 */
public final class OnnxExport {
	private static final String RAW_INPUT = "input";
	private static final String SCALED_INPUT = "itinera_scaled_input";
	private static final int MIN_OPSET = 13;

	private OnnxExport() {
	}

	public static void write(LinearSGDModel model, InputScaling scaling, String outputName, Path file)
			throws IOException {
		ModelProto exported = model.exportONNXModel("io.itinera", 1);
		GraphProto tribuo = exported.getGraph();
		if (tribuo.getInputCount() != 1 || !tribuo.getInput(0).getName().equals(RAW_INPUT)
				|| tribuo.getOutputCount() != 1) {
			throw new IllegalStateException("Tribuo's ONNX export changed shape: " + tribuo.getInputList() + " -> "
					+ tribuo.getOutputList());
		}
		String tribuoOutput = tribuo.getOutput(0).getName();
		GraphProto.Builder graph = tribuo.toBuilder().clearNode();
		int width = scaling.mean().length;
		graph.addInitializer(floats("itinera_fill", scaling.fill()))
				.addInitializer(floats("itinera_mean", scaling.mean()))
				.addInitializer(floats("itinera_scale", scaling.scale()))
				.addNode(node("IsNaN", List.of(RAW_INPUT), "itinera_missing"))
				.addNode(node("Where", List.of("itinera_missing", "itinera_fill", RAW_INPUT), "itinera_filled"))
				.addNode(node("Sub", List.of("itinera_filled", "itinera_mean"), "itinera_centred"))
				.addNode(node("Div", List.of("itinera_centred", "itinera_scale"), SCALED_INPUT));
		for (NodeProto node : tribuo.getNodeList()) {
			NodeProto.Builder rewired = node.toBuilder().clearInput().clearOutput();
			node.getInputList().forEach(in -> rewired.addInput(in.equals(RAW_INPUT) ? SCALED_INPUT : in));
			node.getOutputList().forEach(out -> rewired.addOutput(out.equals(tribuoOutput) ? outputName : out));
			graph.addNode(rewired);
		}
		ValueInfoProto output = tribuo.getOutput(0).toBuilder().setName(outputName).build();
		graph.setOutput(0, output);
		if (tribuo.getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue() != width) {
			throw new IllegalStateException("Tribuo exported " + tribuo.getInput(0) + " for " + width + " inputs");
		}
		ModelProto.Builder result = exported.toBuilder().setGraph(graph);
		raiseOpset(result);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.write(file, result.build().toByteArray());
	}

	/** IsNaN and Where need a newer default-domain opset than a plain linear model. */
	private static void raiseOpset(ModelProto.Builder model) {
		boolean found = false;
		for (int i = 0; i < model.getOpsetImportCount(); i++) {
			OperatorSetIdProto opset = model.getOpsetImport(i);
			if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
				found = true;
				if (opset.getVersion() < MIN_OPSET) {
					model.setOpsetImport(i, opset.toBuilder().setVersion(MIN_OPSET));
				}
			}
		}
		if (!found) {
			model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(MIN_OPSET));
		}
		if (model.getIrVersion() < 7) {
			model.setIrVersion(7);
		}
	}

	private static TensorProto floats(String name, float[] values) {
		return OnnxGraphs.floats(name, values);
	}

	private static NodeProto node(String op, List<String> inputs, String output) {
		return OnnxGraphs.node(op, inputs, output);
	}
}
