package io.itinera.runtime.scoring;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A model as a journey declares it: the ONNX file (relative to the journey's folder unless
 * absolute), the features it takes in order, the output that carries the score and, for a
 * two-dimensional output, which column is the score. A recommender has a {@code recommender} part
 * ({@code inputs} is then its sequence feature, {@code output} the items output); null otherwise.
 */
public record ModelSpec(String name, Path file, List<String> inputs, String output, OptionalInt column,
		DeviceChoice device, RecommenderSpec recommender) {

	/**
	 * @param vocabulary     the vocabulary file, relative to the journey's folder unless absolute
	 * @param sequenceLength the sequence feature's N
	 */
	public record RecommenderSpec(Path vocabulary, String scoresOutput, int topK, int sequenceLength) {
	}

	public ModelSpec(String name, Path file, List<String> inputs, String output, OptionalInt column, DeviceChoice device) {
		this(name, file, inputs, output, column, device, null);
	}

	public ModelSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(file, "file");
		inputs = List.copyOf(inputs);
		Objects.requireNonNull(output, "output");
		Objects.requireNonNull(column, "column");
		Objects.requireNonNull(device, "device");
	}

	public static ModelSpec of(String name, Path file, List<String> inputs, String output, int column) {
		return new ModelSpec(name, file, inputs, output, OptionalInt.of(column), DeviceChoice.AUTO);
	}

	public ModelSpec withDevice(DeviceChoice device) {
		return new ModelSpec(name, file, inputs, output, column, device, recommender);
	}

	/** The file, resolved against the journey's folder. */
	public Path resolve(Path baseDir) {
		return file.isAbsolute() ? file : baseDir.resolve(file).normalize();
	}
}
