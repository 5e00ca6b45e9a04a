package io.itinera.runtime.scoring;

import ai.djl.engine.Engine;
import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads an ONNX file's real signature by opening it with ONNX Runtime (so a file that parses
 * but cannot run is caught too). Results are cached by path, modification time and size, so
 * the editor can validate on every keystroke without reopening unchanged files.
 */
public final class OnnxModelInspector {
	private static final int CACHE_LIMIT = 256;
	private static final OnnxModelInspector SHARED = new OnnxModelInspector();

	private record Stamp(long modified, long size) {
	}

	private record Inspection(Stamp stamp, OnnxSignature signature, ModelFileException failure) {
	}

	private final Map<Path, Inspection> cache = new ConcurrentHashMap<>();

	public static OnnxModelInspector shared() {
		return SHARED;
	}

	public OnnxSignature inspect(Path file) throws ModelFileException {
		Path key = file.toAbsolutePath().normalize();
		Stamp stamp = stamp(key);
		Inspection cached = cache.get(key);
		if (cached == null || !cached.stamp().equals(stamp)) {
			if (cache.size() >= CACHE_LIMIT) {
				cache.clear();
			}
			cached = open(key, stamp);
			cache.put(key, cached);
		}
		if (cached.failure() != null) {
			throw cached.failure();
		}
		return cached.signature();
	}

	private static Stamp stamp(Path file) throws ModelFileException {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				throw new ModelFileException(file, ModelFileException.Problem.MISSING,
						"is not a file", null);
			}
			return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size());
		} catch (IOException e) {
			throw new ModelFileException(file, ModelFileException.Problem.MISSING,
					"does not exist", e);
		}
	}

	private static Inspection open(Path file, Stamp stamp) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
				options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
				try (OrtSession session = environment().createSession(bytes, options)) {
					OnnxSignature signature = new OnnxSignature(values(session.getInputInfo()),
							values(session.getOutputInfo()), session.getMetadata().getCustomMetadata());
					return new Inspection(stamp, signature, null);
				}
			}
		} catch (IOException e) {
			return new Inspection(stamp, null, new ModelFileException(file, ModelFileException.Problem.CORRUPT,
					"cannot be read: " + e.getMessage(), e));
		} catch (OrtException | RuntimeException e) {
			return new Inspection(stamp, null, new ModelFileException(file, ModelFileException.Problem.CORRUPT,
					"is not a readable ONNX model (" + firstLine(e.getMessage()) + ")", e));
		}
	}

	/** DJL's engine owns ONNX Runtime's environment; let it create it (offline) before we share it. */
	private static OrtEnvironment environment() {
		DjlOffline.enforce();
		Engine.getEngine("OnnxRuntime");
		return OrtEnvironment.getEnvironment();
	}

	private static List<OnnxSignature.Value> values(Map<String, NodeInfo> infos) {
		List<OnnxSignature.Value> values = new ArrayList<>();
		for (NodeInfo node : infos.values()) {
			if (node.getInfo() instanceof TensorInfo tensor) {
				List<Long> shape = Arrays.stream(tensor.getShape()).boxed().toList();
				values.add(OnnxSignature.Value.tensor(node.getName(), elementType(tensor), shape));
			} else if (node.getInfo() instanceof SequenceInfo) {
				values.add(new OnnxSignature.Value(node.getName(), "sequence", "", List.of()));
			} else if (node.getInfo() instanceof MapInfo) {
				values.add(new OnnxSignature.Value(node.getName(), "map", "", List.of()));
			} else {
				values.add(new OnnxSignature.Value(node.getName(), "other", "", List.of()));
			}
		}
		return values;
	}

	private static String elementType(TensorInfo tensor) {
		return switch (tensor.onnxType) {
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> "float";
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> "double";
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> "float16";
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> "bfloat16";
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> "int64";
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> "int32";
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> "string";
			case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> "bool";
			default -> tensor.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
		};
	}

	private static String firstLine(String message) {
		if (message == null || message.isBlank()) {
			return "unknown error";
		}
		String line = message.lines().findFirst().orElse(message).trim();
		return line.length() > 200 ? line.substring(0, 200) + "…" : line;
	}
}
