package io.itinera.cli.train;

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
import java.util.List;

/** The few pieces of ONNX protobuf the exports of {@code itinera train} are built from (opset 13). */
final class OnnxGraphs {
	static final int OPSET = 13;

	private OnnxGraphs() {
	}

	static TensorProto floats(String name, float[] values, long... dims) {
		TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
		for (long dim : dims.length == 0 ? new long[] { values.length } : dims) {
			tensor.addDims(dim);
		}
		for (float value : values) {
			tensor.addFloatData(value);
		}
		return tensor.build();
	}

	static TensorProto longs(String name, long... values) {
		TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
				.addDims(values.length);
		for (long value : values) {
			tensor.addInt64Data(value);
		}
		return tensor.build();
	}

	static NodeProto node(String op, List<String> inputs, String output) {
		return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output).build();
	}

	static NodeProto node(String op, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
		NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(outputs.get(0)).addAllInput(inputs)
				.addAllOutput(outputs);
		for (AttributeProto attribute : attributes) {
			node.addAttribute(attribute);
		}
		return node.build();
	}

	static AttributeProto intAttribute(String name, long value) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
	}

	/** A float tensor {@code [batch, width]}, batch left open. */
	static ValueInfoProto floatMatrix(String name, int width) {
		TensorShapeProto shape = TensorShapeProto.newBuilder()
				.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
				.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
		TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
				.setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
		return ValueInfoProto.newBuilder().setName(name).setType(type).build();
	}

	/** Writes {@code graph} as a model file of the default opset, with {@code metadata} pairs (key, value, …). */
	static void write(GraphProto graph, Path file, String... metadata) throws IOException {
		ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(7).setProducerName("itinera train")
				.setGraph(graph).addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
		for (int i = 0; i + 1 < metadata.length; i += 2) {
			model.addMetadataProps(ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder().setKey(metadata[i])
					.setValue(metadata[i + 1]));
		}
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Files.write(file, model.build().toByteArray());
	}
}
