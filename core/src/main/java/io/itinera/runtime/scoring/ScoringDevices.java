package io.itinera.runtime.scoring;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.Optional;

/** Whether a CUDA GPU can run ONNX models here, and the DJL device a choice resolves to. */
final class ScoringDevices {
	private static volatile Optional<String> whyNoGpu;

	private ScoringDevices() {
	}

	/**
	 * Empty when a GPU is usable; otherwise why not, in words a user can act on. Checked once:
	 * the CUDA runtime is asked directly, since probing through ONNX Runtime logs errors.
	 */
	static Optional<String> whyNoGpu() {
		Optional<String> reason = whyNoGpu;
		if (reason == null) {
			DjlOffline.enforce();
			if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
				reason = Optional.of("this build of ONNX Runtime has no CUDA support (build Itinera with -Pgpu)");
			} else if (CudaUtils.getGpuCount() == 0) {
				reason = Optional.of("no CUDA GPU is visible (a GPU with CUDA 12 and cuDNN 9 is needed)");
			} else {
				reason = Optional.empty();
			}
			whyNoGpu = reason;
		}
		return reason;
	}

	static Device resolve(DeviceChoice choice, String model) throws ModelLoadException {
		return switch (choice) {
			case CPU -> Device.cpu();
			case AUTO -> whyNoGpu().isEmpty() ? Device.gpu() : Device.cpu();
			case GPU -> {
				Optional<String> reason = whyNoGpu();
				if (reason.isPresent()) {
					throw new ModelLoadException("model " + model + " is set to run on device gpu, but "
							+ reason.get() + "; use device auto or cpu to run on the CPU", null);
				}
				yield Device.gpu();
			}
		};
	}
}
