package io.itinera.testmodels;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Open Inference Protocol (KServe v2, HTTP/JSON) server on loopback that runs ONNX files
 * with ONNX Runtime on the CPU, as Triton would serve them: {@code GET /v2/health/ready},
 * {@code GET /v2/models/NAME} (metadata) and {@code POST /v2/models/NAME/infer} with FP32 tensors.
 * Tests make it fail on purpose: {@link #failNext} answers a status, {@link #delay} slows answers.
 */
public final class InferenceServerStub implements AutoCloseable {
	private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
	private final Map<String, OrtSession> models = new ConcurrentHashMap<>();
	private final HttpServer server;
	private final AtomicInteger failuresToGive = new AtomicInteger();
	private volatile int failureStatus = 503;
	private volatile Duration delay = Duration.ZERO;
	private final AtomicLong inferRequests = new AtomicLong();
	private final AtomicLong rowsScored = new AtomicLong();
	private boolean closed;

	private InferenceServerStub(HttpServer server) {
		this.server = server;
	}

	/** Starts on a free loopback port with no model; {@link #serve} adds them. */
	public static InferenceServerStub start() throws IOException {
		// without it, the JDK's server waits for delayed ACKs (Nagle): ~40 ms a small answer, as no real server does
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		InferenceServerStub stub = new InferenceServerStub(server);
		server.createContext("/v2/", stub::handle);
		server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
			Thread thread = new Thread(runnable, "inference-stub");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
		return stub;
	}

	/** Serves {@code file} as model {@code name}; returns this, for chaining. */
	public InferenceServerStub serve(String name, Path file) throws OrtException {
		models.put(name, environment.createSession(file.toString(), new OrtSession.SessionOptions()));
		return this;
	}

	/** The model's address, as a journey writes it after {@code device remote}. */
	public String modelUrl(String name) {
		return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v2/models/" + name;
	}

	/** The next {@code count} inference requests are answered with {@code status} and no scores. */
	public void failNext(int count, int status) {
		failureStatus = status;
		failuresToGive.set(count);
	}

	/** Every answer waits this long first. */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	public long inferRequests() {
		return inferRequests.get();
	}

	public long rowsScored() {
		return rowsScored.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
			if (path.equals("/v2/health/ready") || path.equals("/v2/health/live")) {
				answer(exchange, 200, "{}");
				return;
			}
			String[] parts = path.split("/");
			// "", "v2", "models", NAME [, "versions", V] [, "infer"]
			OrtSession model = parts.length >= 4 && parts[2].equals("models") ? models.get(parts[3]) : null;
			if (model == null) {
				answer(exchange, 404, "{\"error\":\"no such model\"}");
				return;
			}
			if (!delay.isZero()) {
				Thread.sleep(delay.toMillis());
			}
			boolean infer = parts[parts.length - 1].equals("infer");
			if (!infer) {
				answer(exchange, 200, metadata(parts[3], model));
				return;
			}
			inferRequests.incrementAndGet();
			if (failuresToGive.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
				answer(exchange, failureStatus, "{\"error\":\"failing on purpose\"}");
				return;
			}
			String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			answer(exchange, 200, infer(model, JSON.readTree(request)));
		} catch (OrtException | RuntimeException e) {
			answer(exchange, 400, JSON.createObjectNode().put("error", e.toString()).toString());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static String metadata(String name, OrtSession model) throws OrtException {
		ObjectNode answer = JSON.createObjectNode().put("name", name).put("platform", "onnxruntime_onnx");
		answer.putArray("versions").add("1");
		describe(answer.putArray("inputs"), model.getInputInfo());
		describe(answer.putArray("outputs"), model.getOutputInfo());
		return answer.toString();
	}

	private static void describe(ArrayNode into, Map<String, NodeInfo> values) {
		for (NodeInfo value : values.values()) {
			if (!(value.getInfo() instanceof TensorInfo tensor)) {
				continue;
			}
			ObjectNode entry = into.addObject().put("name", value.getName()).put("datatype", datatype(tensor));
			ArrayNode shape = entry.putArray("shape");
			for (long dimension : tensor.getShape()) {
				shape.add(dimension);
			}
		}
	}

	private static String datatype(TensorInfo tensor) {
		return switch (tensor.type) {
			case FLOAT -> "FP32";
			case DOUBLE -> "FP64";
			case INT64 -> "INT64";
			case INT32 -> "INT32";
			case BOOL -> "BOOL";
			case STRING -> "BYTES";
			default -> tensor.type.name();
		};
	}

	private String infer(OrtSession model, JsonNode request) throws OrtException {
		Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
		try {
			long rows = 0;
			for (JsonNode input : request.path("inputs")) {
				long[] shape = new long[input.path("shape").size()];
				for (int i = 0; i < shape.length; i++) {
					shape[i] = input.path("shape").get(i).asLong();
				}
				rows = shape.length == 0 ? 0 : shape[0];
				JsonNode data = input.path("data");
				float[] values = new float[data.size()];
				for (int i = 0; i < values.length; i++) {
					values[i] = data.get(i).floatValue();
				}
				inputs.put(input.path("name").asText(), OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape));
			}
			rowsScored.addAndGet(rows);
			ObjectNode answer = JSON.createObjectNode().put("model_name", "stub");
			ArrayNode outputs = answer.putArray("outputs");
			Map<String, Boolean> wanted = new HashMap<>();
			request.path("outputs").forEach(output -> wanted.put(output.path("name").asText(), true));
			try (OrtSession.Result result = model.run(inputs)) {
				for (Map.Entry<String, OnnxValue> output : result) {
					if (!wanted.isEmpty() && !wanted.containsKey(output.getKey())
							|| !(output.getValue() instanceof OnnxTensor tensor)) {
						continue;
					}
					ObjectNode entry = outputs.addObject().put("name", output.getKey()).put("datatype", "FP32");
					ArrayNode shape = entry.putArray("shape");
					for (long dimension : tensor.getInfo().getShape()) {
						shape.add(dimension);
					}
					ArrayNode data = entry.putArray("data");
					FloatBuffer values = floats(tensor);
					while (values.hasRemaining()) {
						data.add(values.get());
					}
				}
			}
			return answer.toString();
		} finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	private static FloatBuffer floats(OnnxTensor tensor) {
		return switch (tensor.getInfo().type) {
			case FLOAT -> tensor.getFloatBuffer();
			case DOUBLE -> {
				var doubles = tensor.getDoubleBuffer();
				FloatBuffer floats = FloatBuffer.allocate(doubles.remaining());
				while (doubles.hasRemaining()) {
					floats.put((float) doubles.get());
				}
				yield floats.flip();
			}
			default -> throw new IllegalArgumentException("output of type " + tensor.getInfo().type + " is not a score");
		};
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		server.stop(0);
		for (OrtSession model : models.values()) {
			try {
				model.close();
			} catch (OrtException e) {
				// closing at the end of a test: nothing to do about it
			}
		}
	}
}
