package io.itinera.runtime.scoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The inputs and outputs an ONNX file really has, in the file's order, and its custom metadata. */
public record OnnxSignature(List<Value> inputs, List<Value> outputs, Map<String, String> metadata) {
	/** Metadata a recommender may carry: how many indices its item embedding has (vocabulary + padding). */
	public static final String VOCABULARY_SIZE = "itinera.vocabulary_size";

	public OnnxSignature {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		metadata = Map.copyOf(metadata);
	}

	public OnnxSignature(List<Value> inputs, List<Value> outputs) {
		this(inputs, outputs, Map.of());
	}

	/**
	 * One input or output.
	 *
	 * @param kind        "tensor", "sequence" or "map"
	 * @param elementType for tensors the element type in ONNX words ("float", "double", "int64"...)
	 * @param shape       for tensors the dimensions, -1 where the file leaves one open (the batch)
	 */
	public record Value(String name, String kind, String elementType, List<Long> shape) {
		public static final long OPEN = -1;

		public Value {
			shape = List.copyOf(shape);
		}

		public static Value tensor(String name, String elementType, List<Long> shape) {
			return new Value(name, "tensor", elementType, shape);
		}

		public boolean isTensor() {
			return kind.equals("tensor");
		}

		public int rank() {
			return shape.size();
		}

		/** The size of the last dimension, {@link #OPEN} if open or the value is not two-dimensional. */
		public long width() {
			return rank() == 2 ? shape.get(1) : OPEN;
		}

		/** For example {@code input: float[?, 4]} or {@code output_probability: sequence}. */
		public String describe() {
			if (!isTensor()) {
				return name + ": " + kind;
			}
			return name + ": " + elementType + shape.stream()
					.map(dimension -> dimension < 0 ? "?" : dimension.toString())
					.collect(Collectors.joining(", ", "[", "]"));
		}
	}

	public Optional<Value> output(String name) {
		return outputs.stream().filter(output -> output.name().equals(name)).findFirst();
	}

	/** The whole signature in one line, for messages that say what a file really expects. */
	public String describe() {
		return "inputs " + describe(inputs) + "; outputs " + describe(outputs);
	}

	static String describe(List<Value> values) {
		return values.stream().map(Value::describe).collect(Collectors.joining(", "));
	}
}
