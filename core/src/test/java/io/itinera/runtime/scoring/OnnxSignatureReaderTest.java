package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.itinera.testmodels.OnnxTestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The protobuf reader against ONNX Runtime itself, on every model the project has and on odd ones. */
class OnnxSignatureReaderTest {
	private static final Path SAMPLE_MODELS = Path.of("../journeys/models");
	private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

	@TempDir
	Path dir;

	@Test
	void readsEveryModelFileAsOnnxRuntimeDoes() throws Exception {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> samples = Files.list(SAMPLE_MODELS)) {
			samples.filter(file -> file.toString().endsWith(".onnx")).sorted().forEach(files::add);
		}
		assertTrue(files.size() >= 3, "the sample journeys' models: " + files);
		files.add(OnnxTestModels.softmaxRegression(dir.resolve("softmax.onnx"), new float[4][2], new float[2]));
		files.add(OnnxTestModels.namedInputsLogistic(dir.resolve("named.onnx"), List.of("b", "a"), new float[2], 0));
		files.add(OnnxTestModels.int64Input(dir.resolve("ints.onnx"), 3));
		files.add(OnnxTestModels.renameOutput(
				OnnxTestModels.softmaxRegression(dir.resolve("renamed.onnx"), new float[2][2], new float[2]), "output", "p"));
		files.add(OnnxTestModels.lastItemRecommender(dir.resolve("recommender.onnx"), new float[5][5], 4, 2));
		files.add(weightsListedAsInputs());
		files.add(elementTypesAndShapes());
		files.add(sequenceAndMap());
		files.add(sparseWeightsListedAsInputs());
		List<Executable> checks = new ArrayList<>();
		for (Path file : files) {
			OnnxSignature expected = OrtSignature.of(file);
			OnnxSignature read = OnnxSignatureReader.read(Files.readAllBytes(file));
			checks.add(() -> assertEquals(expected, read, file.toString()));
		}
		assertAll(checks);
	}

	@Test
	void initializersListedAsGraphInputsAreWeightsNotInputs() throws Exception {
		OnnxSignature signature = OnnxSignatureReader.read(Files.readAllBytes(weightsListedAsInputs()));
		assertEquals("inputs x: float[?, 2]; outputs y: float[?, 1]", signature.describe());
	}

	@Test
	void bytesThatAreNotAnOnnxModelSayWhy() throws Exception {
		byte[] model = Files.readAllBytes(OnnxTestModels.int64Input(dir.resolve("m.onnx"), 2));
		byte[] withoutGraph = ModelProto.parseFrom(model).toBuilder().clearGraph().build().toByteArray();
		byte[] withoutOpset = ModelProto.parseFrom(model).toBuilder().clearOpsetImport().build().toByteArray();
		assertEquals("no graph", message(withoutGraph));
		assertEquals("no operator set import", message(withoutOpset));
		assertEquals("no IR version", message(new byte[0]));
		assertTrue(message(java.util.Arrays.copyOf(model, model.length - 3)).contains("bytes long"));
		assertTrue(message("not a model\n".getBytes()).contains("wire type"));
		assertFalse(message(new byte[] {8, (byte) 0x80}).isEmpty(), "a number cut short");
	}

	private static String message(byte[] bytes) {
		return assertThrows(ProtoWireReader.MalformedException.class, () -> OnnxSignatureReader.read(bytes)).getMessage();
	}

	/** IR 3 style: the weights are graph inputs too, with a default in the initializers. */
	private Path weightsListedAsInputs() throws IOException {
		GraphProto graph = GraphProto.newBuilder().setName("ir3")
				.addInput(value("x", tensor(FLOAT, param("batch"), size(2))))
				.addInput(value("w", tensor(FLOAT, size(2), size(1))))
				.addInitializer(TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(2).addDims(1)
						.addFloatData(1).addFloatData(2))
				.addNode(node("MatMul", List.of("x", "w"), List.of("y")))
				.addOutput(value("y", tensor(FLOAT, param("batch"), size(1))))
				.build();
		return write("ir3.onnx", 3, graph, Map.of(), opset("", 9));
	}

	private Path sparseWeightsListedAsInputs() throws IOException {
		TensorProto values = TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(1).addFloatData(3).build();
		TensorProto indices = TensorProto.newBuilder().setName("w_indices").setDataType(TensorProto.DataType.INT64_VALUE)
				.addDims(1).addInt64Data(1).build();
		GraphProto graph = GraphProto.newBuilder().setName("sparse")
				.addInput(value("x", tensor(FLOAT, param("batch"), size(2))))
				.addSparseInitializer(SparseTensorProto.newBuilder().setValues(values).setIndices(indices).addDims(2).addDims(1))
				.addNode(node("MatMul", List.of("x", "w"), List.of("y")))
				.addOutput(value("y", tensor(FLOAT, param("batch"), size(1))))
				.build();
		return write("sparse.onnx", 8, graph, Map.of(), opset("", 13));
	}

	/** Every element type a journey might meet, open and fixed dimensions, a scalar, a tensor without shape. */
	private Path elementTypesAndShapes() throws IOException {
		GraphProto.Builder graph = GraphProto.newBuilder().setName("types");
		List<TypeProto> types = List.of(
				tensor(TensorProto.DataType.DOUBLE_VALUE, param("n"), size(3)),
				tensor(TensorProto.DataType.INT32_VALUE, size(2)),
				tensor(TensorProto.DataType.BOOL_VALUE, TensorShapeProto.Dimension.getDefaultInstance()),
				tensor(TensorProto.DataType.STRING_VALUE, param("n")),
				tensor(TensorProto.DataType.FLOAT16_VALUE, size(1), size(2), size(3)),
				tensor(TensorProto.DataType.UINT8_VALUE),
				TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT8_VALUE)
						.setShape(TensorShapeProto.getDefaultInstance())).build());
		for (int i = 0; i < types.size(); i++) {
			graph.addInput(value("in" + i, types.get(i)))
					.addNode(node("Identity", List.of("in" + i), List.of("out" + i)))
					.addOutput(value("out" + i, types.get(i)));
		}
		return write("types.onnx", 8, graph.build(), Map.of("itinera.vocabulary_size", "12", "author", "tests"),
				opset("", 13));
	}

	/** A map input (ONNX-ML DictVectorizer) and a sequence output (SequenceConstruct). */
	private Path sequenceAndMap() throws IOException {
		TypeProto map = TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder()
				.setKeyType(TensorProto.DataType.INT64_VALUE).setValueType(tensor(FLOAT))).build();
		TypeProto sequence = TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder()
				.setElemType(tensor(FLOAT, param("batch"), size(2)))).build();
		GraphProto graph = GraphProto.newBuilder().setName("ml")
				.addInput(value("counts", map))
				.addInput(value("x", tensor(FLOAT, param("batch"), size(2))))
				.addNode(node("DictVectorizer", List.of("counts"), List.of("dense")).toBuilder().setDomain("ai.onnx.ml")
						.addAttribute(AttributeProto.newBuilder().setName("int64_vocabulary")
								.setType(AttributeProto.AttributeType.INTS).addInts(1).addInts(2).addInts(3)))
				.addNode(node("SequenceConstruct", List.of("x"), List.of("rows")))
				.addOutput(value("dense", tensor(FLOAT, param("batch"), size(3))))
				.addOutput(value("rows", sequence))
				.build();
		return write("ml.onnx", 8, graph, Map.of(), opset("", 13), opset("ai.onnx.ml", 1));
	}

	private Path write(String name, long irVersion, GraphProto graph, Map<String, String> metadata,
			OperatorSetIdProto... opsets) throws IOException {
		ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("itinera-tests")
				.setGraph(graph);
		for (OperatorSetIdProto opset : opsets) {
			model.addOpsetImport(opset);
		}
		metadata.forEach((key, value) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
		return Files.write(dir.resolve(name), model.build().toByteArray());
	}

	private static OperatorSetIdProto opset(String domain, long version) {
		return OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build();
	}

	private static NodeProto node(String op, List<String> inputs, List<String> outputs) {
		return NodeProto.newBuilder().setOpType(op).setName(outputs.get(0) + "_node").addAllInput(inputs)
				.addAllOutput(outputs).build();
	}

	private static ValueInfoProto value(String name, TypeProto type) {
		return ValueInfoProto.newBuilder().setName(name).setType(type).build();
	}

	/** A tensor type; without dimensions it has no shape at all. */
	private static TypeProto tensor(int elementType, TensorShapeProto.Dimension... dimensions) {
		TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(elementType);
		if (dimensions.length > 0) {
			tensor.setShape(TensorShapeProto.newBuilder().addAllDim(List.of(dimensions)));
		}
		return TypeProto.newBuilder().setTensorType(tensor).build();
	}

	private static TensorShapeProto.Dimension size(long value) {
		return TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
	}

	private static TensorShapeProto.Dimension param(String name) {
		return TensorShapeProto.Dimension.newBuilder().setDimParam(name).build();
	}
}
