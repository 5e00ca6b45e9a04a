package io.itinera.runtime.scoring.remote;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.itinera.runtime.scoring.ModelBinding;
import io.itinera.runtime.scoring.OnnxSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One model's endpoint on an Open Inference Protocol (KServe v2) server, spoken as HTTP/JSON:
 * {@code GET URL} for the model's metadata and {@code POST URL/infer} with FP32 tensors, one
 * request per try (retries are the caller's).
 */
final class InferenceClient {
	private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

	private static final java.util.Map<String, Float> NON_NUMBERS = java.util.Map.of("NaN", Float.NaN, "Infinity",
			Float.POSITIVE_INFINITY, "-Infinity", Float.NEGATIVE_INFINITY);

	private final URI model;
	private final URI infer;
	private final RemoteSettings settings;
	private final HttpClient http;

	InferenceClient(URI model, RemoteSettings settings, HttpClient http) {
		String base = model.toString().replaceAll("/+$", "");
		this.model = URI.create(base);
		this.infer = URI.create(base + "/infer");
		this.settings = settings;
		this.http = http;
	}

	URI address() {
		return model;
	}

	/** The model's inputs and outputs as the server describes them, in ONNX words. */
	OnnxSignature metadata() throws RemoteScoringException {
		JsonNode answer = send(HttpRequest.newBuilder(model).timeout(settings.timeout()).GET().build());
		return new OnnxSignature(values(answer.path("inputs")), values(answer.path("outputs")));
	}

	/** One score per row, read from the bound output (and column). */
	float[] infer(ModelBinding binding, float[][] rows) throws RemoteScoringException {
		String body = request(binding, rows);
		HttpRequest request = HttpRequest.newBuilder(infer).timeout(settings.timeout())
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
		return scores(binding, send(request), rows.length);
	}

	private JsonNode send(HttpRequest request) throws RemoteScoringException {
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (HttpTimeoutException e) {
			throw new RemoteScoringException("no answer within " + settings.timeout().toMillis() + " ms", true, e);
		} catch (ConnectException e) {
			throw new RemoteScoringException("cannot connect (" + e.getMessage() + ")", true, e);
		} catch (IOException e) {
			throw new RemoteScoringException("the connection failed: " + e, true, e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RemoteScoringException("interrupted", false, e);
		}
		int status = response.statusCode();
		if (status / 100 != 2) {
			boolean retryable = status >= 500 || status == 408 || status == 429;
			throw new RemoteScoringException("HTTP " + status + ": " + cut(response.body()), retryable, null);
		}
		try {
			return JSON.readTree(response.body());
		} catch (IOException e) {
			throw new RemoteScoringException("the answer is not JSON: " + cut(response.body()), false, e);
		}
	}

	/** The rows as the bound input tensors: one [N, k] matrix, or k columns of [N] or [N, 1]. */
	static String request(ModelBinding binding, float[][] rows) {
		int count = rows.length;
		int width = count == 0 ? 0 : rows[0].length;
		StringBuilder json = new StringBuilder(64 + count * width * 12).append("{\"inputs\":[");
		if (binding.layout() == ModelBinding.Layout.MATRIX) {
			tensorHead(json, binding.inputNames().get(0), "[" + count + "," + width + "]");
			for (int row = 0; row < count; row++) {
				for (int feature = 0; feature < width; feature++) {
					number(json, row == 0 && feature == 0, rows[row][feature]);
				}
			}
			json.append("]}");
		} else {
			for (int feature = 0; feature < width; feature++) {
				if (feature > 0) {
					json.append(',');
				}
				String shape = binding.inputRanks().get(feature) == 1 ? "[" + count + "]" : "[" + count + ",1]";
				tensorHead(json, binding.inputNames().get(feature), shape);
				for (int row = 0; row < count; row++) {
					number(json, row == 0, rows[row][feature]);
				}
				json.append("]}");
			}
		}
		return json.append("],\"outputs\":[{\"name\":").append(quoted(binding.output())).append("}]}").toString();
	}

	private static void tensorHead(StringBuilder json, String name, String shape) {
		json.append("{\"name\":").append(quoted(name)).append(",\"datatype\":\"FP32\",\"shape\":").append(shape)
				.append(",\"data\":[");
	}

	/**
	 * Strict JSON has no NaN, but a missing feature is NaN: it goes as the token {@code NaN} (and
	 * infinities as {@code Infinity}), which Python's json module and Triton's parser read.
	 */
	private static void number(StringBuilder json, boolean first, float value) {
		if (!first) {
			json.append(',');
		}
		json.append(value);
	}

	private static float[] scores(ModelBinding binding, JsonNode answer, int rows) throws RemoteScoringException {
		for (JsonNode output : answer.path("outputs")) {
			if (!output.path("name").asText().equals(binding.output())) {
				continue;
			}
			List<Float> values = new ArrayList<>();
			flatten(output.path("data"), values);
			int width = rows == 0 ? 1 : values.size() / rows;
			if (rows > 0 && (values.size() % rows != 0 || (binding.column() >= 0 ? binding.column() >= width : width != 1))) {
				throw new RemoteScoringException("output " + binding.output() + " has " + values.size() + " values for " + rows
						+ " rows", false, null);
			}
			float[] scores = new float[rows];
			int column = width == 1 ? 0 : binding.column();
			for (int row = 0; row < rows; row++) {
				scores[row] = values.get(row * width + column);
			}
			return scores;
		}
		throw new RemoteScoringException("the answer has no output " + binding.output() + ": " + cut(answer.toString()), false,
				null);
	}

	private static void flatten(JsonNode data, List<Float> into) throws RemoteScoringException {
		if (data.isArray()) {
			for (JsonNode item : data) {
				flatten(item, into);
			}
		} else if (data.isNumber()) {
			into.add(data.floatValue());
		} else if (data.isNull()) {
			into.add(Float.NaN);
		} else if (data.isTextual() && NON_NUMBERS.containsKey(data.asText())) {
			into.add(NON_NUMBERS.get(data.asText())); // servers that write NaN as a string
		} else {
			throw new RemoteScoringException("output data is not numbers: " + cut(data.toString()), false, null);
		}
	}

	/** Inputs or outputs of v2 metadata as signature values ({@code FP32} → float, shape -1 open). */
	private static List<OnnxSignature.Value> values(JsonNode tensors) {
		List<OnnxSignature.Value> values = new ArrayList<>();
		for (JsonNode tensor : tensors) {
			List<Long> shape = new ArrayList<>();
			tensor.path("shape").forEach(dimension -> shape.add(dimension.asLong()));
			values.add(OnnxSignature.Value.tensor(tensor.path("name").asText(), elementType(tensor.path("datatype").asText()),
					shape));
		}
		return values;
	}

	private static String elementType(String datatype) {
		return switch (datatype.toUpperCase(Locale.ROOT)) {
			case "FP32" -> "float";
			case "FP64" -> "double";
			case "FP16" -> "float16";
			case "BOOL" -> "bool";
			case "BYTES" -> "string";
			default -> datatype.toLowerCase(Locale.ROOT);
		};
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String cut(String text) {
		String oneLine = text.replaceAll("\\s+", " ").trim();
		return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
	}
}
