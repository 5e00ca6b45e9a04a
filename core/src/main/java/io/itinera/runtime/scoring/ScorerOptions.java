package io.itinera.runtime.scoring;

/**
 * How an {@link OnnxScorer} runs its models.
 *
 * @param device         the global device choice; a model's own cpu/gpu wins over it
 * @param intraOpThreads ONNX Runtime's threads per model run; 1 when several Java threads
 *                       already score in parallel, more for a single scoring thread
 */
public record ScorerOptions(DeviceChoice device, int intraOpThreads) {

	public ScorerOptions {
		if (intraOpThreads < 1) {
			throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
		}
	}

	public static ScorerOptions defaults() {
		return new ScorerOptions(DeviceChoice.AUTO, 1);
	}

	public ScorerOptions withDevice(DeviceChoice device) {
		return new ScorerOptions(device, intraOpThreads);
	}

	public ScorerOptions withIntraOpThreads(int threads) {
		return new ScorerOptions(device, threads);
	}
}
