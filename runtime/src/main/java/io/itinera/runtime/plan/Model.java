package io.itinera.runtime.plan;

import java.util.List;

/**
 * An ONNX model scored with {@code inputs} (feature names, in order); its score is named after the
 * model. {@code column} is the output column to read, or null for a single-valued output.
 */
public record Model(String name, String path, List<String> inputs, String output, Integer column, Device device,
		SourceLocation location) {
	public Model {
		inputs = List.copyOf(inputs);
	}
}
