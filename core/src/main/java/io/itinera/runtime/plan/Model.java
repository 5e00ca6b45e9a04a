package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An ONNX model scored with {@code inputs} (feature names, in order); its score is named after the
 * model. {@code column} is the output column to read, or null for a single-valued output.
 * {@code recommender} is null for a scoring model; for a recommender, {@code inputs} is its one
 * sequence feature, {@code output} the items output and {@code column} the number of items (K).
 */
public record Model(String name, String path, List<String> inputs, String output, Integer column, Device device,
		SourceLocation location, Recommender recommender, @JsonInclude(JsonInclude.Include.NON_NULL) Remote remote) {
	public Model {
		inputs = List.copyOf(inputs);
	}

	public Model(String name, String path, List<String> inputs, String output, Integer column, Device device,
			SourceLocation location, Recommender recommender) {
		this(name, path, inputs, output, column, device, location, recommender, null);
	}

	public Model(String name, String path, List<String> inputs, String output, Integer column, Device device,
			SourceLocation location) {
		this(name, path, inputs, output, column, device, location, null);
	}

	/** Whether this is a recommender (not named isRecommender: JSON would take it for the recommender property). */
	public boolean recommends() {
		return recommender != null;
	}

	/**
	 * A model scored by an inference server over the Open Inference Protocol (KServe v2) instead of
	 * in this process: {@code url} is the model's address on the server
	 * ({@code http://host:port/v2/models/NAME}, optionally {@code /versions/V}). {@code fallbackScore}
	 * is the score given while the server cannot answer; null holds the customers until it can.
	 */
	public record Remote(String url, Double fallbackScore) {
		public Remote {
			java.util.Objects.requireNonNull(url, "url");
		}
	}

	/**
	 * What makes a model a recommender: its vocabulary file (line n is the model's item index n;
	 * index 0 is padding, and unknown items), the scores output, and the sequence features whose
	 * items are never recommended ({@code except cart_add.itemId}).
	 */
	public record Recommender(String vocabulary, String scoresOutput, List<String> except) {
		public Recommender {
			except = List.copyOf(except);
		}
	}
}
