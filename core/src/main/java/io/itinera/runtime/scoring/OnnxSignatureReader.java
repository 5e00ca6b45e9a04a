package io.itinera.runtime.scoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX file's signature straight from its protobuf bytes ({@code ModelProto} → {@code graph}
 * → {@code input}/{@code output}, plus {@code metadata_props}), without ONNX Runtime: the editor
 * and {@code itinera check} need the signature, not a session. Reports what ONNX Runtime reports:
 * graph inputs that are also initializers are weights, not inputs; a dimension without a value
 * is {@link OnnxSignature.Value#OPEN}. Field numbers are those of onnx/onnx.proto.
 */
final class OnnxSignatureReader {
	private static final int MODEL_IR_VERSION = 1;
	private static final int MODEL_GRAPH = 7;
	private static final int MODEL_OPSET_IMPORT = 8;
	private static final int MODEL_METADATA_PROPS = 14;
	private static final int GRAPH_INITIALIZER = 5;
	private static final int GRAPH_INPUT = 11;
	private static final int GRAPH_OUTPUT = 12;
	private static final int GRAPH_SPARSE_INITIALIZER = 15;
	private static final int TENSOR_NAME = 8;
	private static final int SPARSE_TENSOR_VALUES = 1;
	private static final int VALUE_INFO_NAME = 1;
	private static final int VALUE_INFO_TYPE = 2;
	private static final int TYPE_TENSOR = 1;
	private static final int TYPE_SEQUENCE = 4;
	private static final int TYPE_MAP = 5;
	private static final int TENSOR_TYPE_ELEMENT = 1;
	private static final int TENSOR_TYPE_SHAPE = 2;
	private static final int SHAPE_DIM = 1;
	private static final int DIM_VALUE = 1;
	private static final int ENTRY_KEY = 1;
	private static final int ENTRY_VALUE = 2;

	/** TensorProto.DataType by number, named as ONNX Runtime's element types are. */
	private static final String[] ELEMENT_TYPES = {"undefined", "float", "uint8", "int8", "uint16", "int16", "int32",
			"int64", "string", "bool", "float16", "double", "uint32", "uint64", "complex64", "complex128", "bfloat16",
			"float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz", "uint4", "int4"};

	private record Type(String kind, String elementType, List<Long> shape) {
		static final Type OTHER = new Type("other", "", List.of());
	}

	private OnnxSignatureReader() {
	}

	/** @throws ProtoWireReader.MalformedException when the bytes are not an ONNX model, saying why */
	static OnnxSignature read(byte[] file) throws ProtoWireReader.MalformedException {
		ProtoWireReader model = new ProtoWireReader(file);
		long irVersion = 0;
		boolean opsets = false;
		ProtoWireReader graph = null;
		Map<String, String> metadata = new LinkedHashMap<>();
		for (int field = model.nextField(); field != 0; field = model.nextField()) {
			switch (field) {
				case MODEL_IR_VERSION -> irVersion = model.readVarint();
				case MODEL_OPSET_IMPORT -> {
					opsets = true;
					model.skip();
				}
				case MODEL_GRAPH -> graph = model.readMessage();
				case MODEL_METADATA_PROPS -> readEntry(model.readMessage(), metadata);
				default -> model.skip();
			}
		}
		if (irVersion <= 0) {
			throw new ProtoWireReader.MalformedException("no IR version");
		}
		if (!opsets) {
			throw new ProtoWireReader.MalformedException("no operator set import");
		}
		if (graph == null) {
			throw new ProtoWireReader.MalformedException("no graph");
		}
		return readGraph(graph, metadata);
	}

	private static OnnxSignature readGraph(ProtoWireReader graph, Map<String, String> metadata)
			throws ProtoWireReader.MalformedException {
		List<OnnxSignature.Value> inputs = new ArrayList<>();
		List<OnnxSignature.Value> outputs = new ArrayList<>();
		Set<String> initializers = new HashSet<>();
		for (int field = graph.nextField(); field != 0; field = graph.nextField()) {
			switch (field) {
				case GRAPH_INPUT -> inputs.add(readValue(graph.readMessage()));
				case GRAPH_OUTPUT -> outputs.add(readValue(graph.readMessage()));
				case GRAPH_INITIALIZER -> initializers.add(readTensorName(graph.readMessage()));
				case GRAPH_SPARSE_INITIALIZER -> initializers.add(readSparseTensorName(graph.readMessage()));
				default -> graph.skip();
			}
		}
		inputs.removeIf(input -> initializers.contains(input.name()));
		return new OnnxSignature(inputs, outputs, metadata);
	}

	private static OnnxSignature.Value readValue(ProtoWireReader valueInfo) throws ProtoWireReader.MalformedException {
		String name = "";
		Type type = Type.OTHER;
		for (int field = valueInfo.nextField(); field != 0; field = valueInfo.nextField()) {
			switch (field) {
				case VALUE_INFO_NAME -> name = valueInfo.readString();
				case VALUE_INFO_TYPE -> type = readType(valueInfo.readMessage());
				default -> valueInfo.skip();
			}
		}
		return new OnnxSignature.Value(name, type.kind(), type.elementType(), type.shape());
	}

	private static Type readType(ProtoWireReader type) throws ProtoWireReader.MalformedException {
		Type result = Type.OTHER;
		for (int field = type.nextField(); field != 0; field = type.nextField()) {
			switch (field) {
				case TYPE_TENSOR -> result = readTensorType(type.readMessage());
				case TYPE_SEQUENCE -> {
					type.skip();
					result = new Type("sequence", "", List.of());
				}
				case TYPE_MAP -> {
					type.skip();
					result = new Type("map", "", List.of());
				}
				default -> type.skip();
			}
		}
		return result;
	}

	private static Type readTensorType(ProtoWireReader tensor) throws ProtoWireReader.MalformedException {
		int elementType = 0;
		List<Long> shape = List.of();
		for (int field = tensor.nextField(); field != 0; field = tensor.nextField()) {
			switch (field) {
				case TENSOR_TYPE_ELEMENT -> elementType = (int) tensor.readVarint();
				case TENSOR_TYPE_SHAPE -> shape = readShape(tensor.readMessage());
				default -> tensor.skip();
			}
		}
		return new Type("tensor", elementTypeName(elementType), shape);
	}

	private static List<Long> readShape(ProtoWireReader shape) throws ProtoWireReader.MalformedException {
		List<Long> dimensions = new ArrayList<>();
		for (int field = shape.nextField(); field != 0; field = shape.nextField()) {
			if (field == SHAPE_DIM) {
				dimensions.add(readDimension(shape.readMessage()));
			} else {
				shape.skip();
			}
		}
		return dimensions;
	}

	/** A {@code dim_value}, or open for a {@code dim_param} or nothing. */
	private static long readDimension(ProtoWireReader dimension) throws ProtoWireReader.MalformedException {
		long value = OnnxSignature.Value.OPEN;
		for (int field = dimension.nextField(); field != 0; field = dimension.nextField()) {
			if (field == DIM_VALUE) {
				value = dimension.readVarint();
			} else {
				dimension.skip();
			}
		}
		return value;
	}

	private static String readTensorName(ProtoWireReader tensor) throws ProtoWireReader.MalformedException {
		String name = "";
		for (int field = tensor.nextField(); field != 0; field = tensor.nextField()) {
			if (field == TENSOR_NAME) {
				name = tensor.readString();
			} else {
				tensor.skip();
			}
		}
		return name;
	}

	private static String readSparseTensorName(ProtoWireReader sparse) throws ProtoWireReader.MalformedException {
		String name = "";
		for (int field = sparse.nextField(); field != 0; field = sparse.nextField()) {
			if (field == SPARSE_TENSOR_VALUES) {
				name = readTensorName(sparse.readMessage());
			} else {
				sparse.skip();
			}
		}
		return name;
	}

	private static void readEntry(ProtoWireReader entry, Map<String, String> into)
			throws ProtoWireReader.MalformedException {
		String key = "";
		String value = "";
		for (int field = entry.nextField(); field != 0; field = entry.nextField()) {
			switch (field) {
				case ENTRY_KEY -> key = entry.readString();
				case ENTRY_VALUE -> value = entry.readString();
				default -> entry.skip();
			}
		}
		into.put(key, value);
	}

	private static String elementTypeName(int number) {
		return number >= 0 && number < ELEMENT_TYPES.length ? ELEMENT_TYPES[number]
				: "type " + number;
	}
}
