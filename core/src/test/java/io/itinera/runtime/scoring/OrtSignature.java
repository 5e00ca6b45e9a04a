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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The signature ONNX Runtime reports for a file (a session opened without optimisations), in
 * {@link OnnxSignature}'s words: the reference {@link OnnxSignatureReader} is held to.
 */
final class OrtSignature {
	private OrtSignature() {
	}

	static OnnxSignature of(Path file) throws IOException, OrtException {
		DjlOffline.enforce();
		Engine.getEngine("OnnxRuntime"); // DJL owns the environment; let it create it first
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
			try (OrtSession session = OrtEnvironment.getEnvironment().createSession(Files.readAllBytes(file), options)) {
				return new OnnxSignature(values(session.getInputInfo()), values(session.getOutputInfo()),
						session.getMetadata().getCustomMetadata());
			}
		}
	}

	private static List<OnnxSignature.Value> values(Map<String, NodeInfo> infos) {
		List<OnnxSignature.Value> values = new ArrayList<>();
		for (NodeInfo node : infos.values()) {
			if (node.getInfo() instanceof TensorInfo tensor) {
				String type = tensor.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
				values.add(OnnxSignature.Value.tensor(node.getName(), type,
						Arrays.stream(tensor.getShape()).boxed().toList()));
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
}
