package io.itinera.testmodels;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small real ONNX models with known weights, straight from the ONNX protobuf classes,
 * for tests and benchmarks of loading, scoring and signature checks.
 */
public final class OnnxTestModels {
	private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
	private static final int INT64 = TensorProto.DataType.INT64_VALUE;

	private OnnxTestModels() {
	}

	/**
	 * Two-class logistic regression the way Tribuo exports it: input {@code input} float[?, k],
	 * {@code output} float[?, 2] = softmax(input · weights + bias).
	 *
	 * @param weights k rows of two columns (one per class)
	 */
	public static Path softmaxRegression(Path file, float[][] weights, float[] bias) throws IOException {
		int features = weights.length;
		GraphProto graph = GraphProto.newBuilder()
				.setName("softmax_regression")
				.addInput(tensor("input", FLOAT, -1, features))
				.addOutput(tensor("output", FLOAT, -1, 2))
				.addInitializer(floats("weights", flatten(weights), features, 2))
				.addInitializer(floats("bias", bias, 2))
				.addNode(node("MatMul", List.of("input", "weights"), "logits_raw"))
				.addNode(node("Add", List.of("logits_raw", "bias"), "logits"))
				.addNode(node("Softmax", List.of("logits"), "output").toBuilder()
						.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
								.setI(1))
						.build())
				.build();
		return write(file, graph);
	}

	/**
	 * Logistic regression with one named input per feature, each float[?, 1]:
	 * {@code score} float[?, 1] = sigmoid(Σ w_i x_i + b).
	 */
	public static Path namedInputsLogistic(Path file, List<String> names, float[] weights, float bias)
			throws IOException {
		GraphProto.Builder graph = GraphProto.newBuilder().setName("named_inputs_logistic");
		for (String name : names) {
			graph.addInput(tensor(name, FLOAT, -1, 1));
		}
		float[][] column = new float[weights.length][];
		for (int i = 0; i < weights.length; i++) {
			column[i] = new float[] {weights[i]};
		}
		graph.addOutput(tensor("score", FLOAT, -1, 1))
				.addInitializer(floats("weights", flatten(column), weights.length, 1))
				.addInitializer(floats("bias", new float[] {bias}, 1))
				.addNode(node("Concat", names, "features").toBuilder()
						.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
								.setI(1))
						.build())
				.addNode(node("MatMul", List.of("features", "weights"), "linear"))
				.addNode(node("Add", List.of("linear", "bias"), "logit"))
				.addNode(node("Sigmoid", List.of("logit"), "score"));
		return write(file, graph.build());
	}

	/** A model whose one input is int64[?, k] (cast to float inside), to test type checks. */
	public static Path int64Input(Path file, int features) throws IOException {
		GraphProto graph = GraphProto.newBuilder()
				.setName("int64_input")
				.addInput(tensor("input", INT64, -1, features))
				.addOutput(tensor("output", FLOAT, -1, features))
				.addNode(node("Cast", List.of("input"), "output").toBuilder()
						.addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
								.setI(FLOAT))
						.build())
				.build();
		return write(file, graph);
	}

	/** Renames a graph output in place (the node that makes it and the graph's output list). */
	public static Path renameOutput(Path file, String from, String to) throws IOException {
		ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
		GraphProto.Builder graph = model.getGraph().toBuilder();
		for (int i = 0; i < graph.getNodeCount(); i++) {
			NodeProto node = graph.getNode(i);
			for (int j = 0; j < node.getOutputCount(); j++) {
				if (node.getOutput(j).equals(from)) {
					graph.setNode(i, node.toBuilder().setOutput(j, to));
				}
			}
		}
		for (int i = 0; i < graph.getOutputCount(); i++) {
			if (graph.getOutput(i).getName().equals(from)) {
				graph.setOutput(i, graph.getOutput(i).toBuilder().setName(to));
			}
		}
		Files.write(file, model.toBuilder().setGraph(graph).build().toByteArray());
		return file;
	}

	/** The reference the models above must reproduce: softmax's class-1 probability, in doubles. */
	public static double softmaxClassOne(float[] row, float[][] weights, float[] bias) {
		double zero = bias[0];
		double one = bias[1];
		for (int i = 0; i < row.length; i++) {
			zero += (double) row[i] * weights[i][0];
			one += (double) row[i] * weights[i][1];
		}
		return 1.0 / (1.0 + Math.exp(zero - one));
	}

	public static double logistic(float[] row, float[] weights, float bias) {
		double logit = bias;
		for (int i = 0; i < row.length; i++) {
			logit += (double) row[i] * weights[i];
		}
		return 1.0 / (1.0 + Math.exp(-logit));
	}

	/**
	 * A next-item recommender with known weights: the scores of the next item are the row of
	 * {@code transitions} picked by the sequence's last (newest) index. Input {@code sequence}
	 * int64[?, length]; outputs {@code items} int64[?, k] and {@code scores} float[?, k], best first
	 * (ONNX TopK). Row 0 is what an empty or unknown last item gets. Carries the metadata
	 * {@code itinera.vocabulary_size} = the number of rows.
	 *
	 * @param transitions [indices][indices]: score of each next index after each last index
	 */
	public static Path lastItemRecommender(Path file, float[][] transitions, int length, int k) throws IOException {
		int indices = transitions.length;
		GraphProto graph = GraphProto.newBuilder()
				.setName("last_item_recommender")
				.addInput(tensor("sequence", INT64, -1, length))
				.addOutput(tensor("items", INT64, -1, k))
				.addOutput(tensor("scores", FLOAT, -1, k))
				.addInitializer(floats("transitions", flatten(transitions), indices, indices))
				.addInitializer(longs("newest", new long[] {length - 1}))
				.addInitializer(longs("k", new long[] {k}, 1))
				.addNode(node("Gather", List.of("sequence", "newest"), "last").toBuilder()
						.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1))
						.build())
				.addNode(node("Gather", List.of("transitions", "last"), "next_scores"))
				.addNode(NodeProto.newBuilder().setOpType("TopK").setName("top_k")
						.addInput("next_scores").addInput("k").addOutput("scores").addOutput("items")
						.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1))
						.build())
				.build();
		return write(file, graph, java.util.Map.of("itinera.vocabulary_size", String.valueOf(indices)));
	}

	private static TensorProto longs(String name, long[] values, long... dims) {
		TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(INT64);
		for (long dim : dims) {
			tensor.addDims(dim);
		}
		for (long value : values) {
			tensor.addInt64Data(value);
		}
		return tensor.build();
	}

	private static Path write(Path file, GraphProto graph) throws IOException {
		return write(file, graph, java.util.Map.of());
	}

	private static Path write(Path file, GraphProto graph, java.util.Map<String, String> metadata) throws IOException {
		ModelProto.Builder builder = ModelProto.newBuilder();
		metadata.forEach((key, value) -> builder.addMetadataProps(
				ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
		ModelProto model = builder
				.setIrVersion(8)
				.setProducerName("itinera-tests")
				.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
				.setGraph(graph)
				.build();
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.write(file, model.toByteArray());
		return file;
	}

	private static ValueInfoProto tensor(String name, int elementType, long... dims) {
		TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
		for (long dim : dims) {
			shape.addDim(dim < 0
					? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
					: TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
		}
		TypeProto type = TypeProto.newBuilder()
				.setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape))
				.build();
		return ValueInfoProto.newBuilder().setName(name).setType(type).build();
	}

	private static TensorProto floats(String name, float[] values, long... dims) {
		TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
		for (long dim : dims) {
			tensor.addDims(dim);
		}
		for (float value : values) {
			tensor.addFloatData(value);
		}
		return tensor.build();
	}

	private static NodeProto node(String op, List<String> inputs, String output) {
		return NodeProto.newBuilder().setOpType(op).setName(output + "_" + op.toLowerCase())
				.addAllInput(new ArrayList<>(inputs)).addOutput(output).build();
	}

	private static float[] flatten(float[][] matrix) {
		int columns = matrix[0].length;
		float[] flat = new float[matrix.length * columns];
		for (int i = 0; i < matrix.length; i++) {
			System.arraycopy(matrix[i], 0, flat, i * columns, columns);
		}
		return flat;
	}
}
