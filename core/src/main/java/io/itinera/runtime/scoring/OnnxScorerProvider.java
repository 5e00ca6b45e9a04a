package io.itinera.runtime.scoring;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ONNX scorer for hosts that find their scorer with {@link java.util.ServiceLoader}. The
 * global device choice and ONNX Runtime's threads per run come from the system properties
 * {@code itinera.device} (auto, cpu, gpu; default auto) and {@code itinera.scoring.threads}
 * (default 1); a model's own {@code device cpu|gpu} wins over the global choice.
 */
public final class OnnxScorerProvider implements ScorerProvider {
	public static final String DEVICE_PROPERTY = "itinera.device";
	public static final String THREADS_PROPERTY = "itinera.scoring.threads";

	/** @throws IllegalStateException with a message for the user when a model cannot be loaded */
	@Override
	public Scorer scorerFor(JourneyPlan plan, Path journeyDirectory) {
		try {
			return OnnxScorer.forModels(specs(plan), journeyDirectory, options());
		} catch (ModelLoadException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	public static ScorerOptions options() {
		DeviceChoice device = DeviceChoice.parse(System.getProperty(DEVICE_PROPERTY, "auto"));
		int threads = Integer.parseInt(System.getProperty(THREADS_PROPERTY, "1"));
		return new ScorerOptions(device, threads);
	}

	/** The plan's models as the scorer takes them, in declaration order. */
	public static Map<String, ModelSpec> specs(JourneyPlan plan) {
		Map<String, ModelSpec> specs = new LinkedHashMap<>();
		for (Model model : plan.models()) {
			specs.put(model.name(), model.recommends() ? recommenderSpec(plan, model) : spec(model));
		}
		return specs;
	}

	/** A recommender as the scorer takes it: its sequence feature's length decides how many items go in. */
	public static ModelSpec recommenderSpec(JourneyPlan plan, Model model) {
		DeviceChoice device = model.device() == null ? DeviceChoice.AUTO : DeviceChoice.valueOf(model.device().name());
		var sequence = model.inputs().isEmpty() ? null : plan.feature(model.inputs().get(0));
		int length = sequence == null ? 0 : sequence.length();
		int topK = model.column() == null ? 0 : model.column();
		var recommender = new ModelSpec.RecommenderSpec(Path.of(model.recommender().vocabulary()),
				model.recommender().scoresOutput(), topK, length);
		return new ModelSpec(model.name(), Path.of(model.path()), model.inputs(), model.output(), OptionalInt.of(topK), device,
				recommender);
	}

	public static ModelSpec spec(Model model) {
		OptionalInt column = model.column() == null ? OptionalInt.empty() : OptionalInt.of(model.column());
		DeviceChoice device = model.device() == null ? DeviceChoice.AUTO : DeviceChoice.valueOf(model.device().name());
		return new ModelSpec(model.name(), Path.of(model.path()), model.inputs(), model.output(), column, device);
	}
}
