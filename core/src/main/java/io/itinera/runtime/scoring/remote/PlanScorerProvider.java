package io.itinera.runtime.scoring.remote;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.scoring.ModelLoadException;
import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.OnnxScorerProvider;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.scoring.ScorerProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The scorer hosts find with {@link java.util.ServiceLoader}: a journey's models declared
 * {@code device remote "URL"} are scored by their inference server ({@link RemoteScorer}), the
 * others in this process through ONNX Runtime ({@link OnnxScorerProvider}'s settings).
 */
public final class PlanScorerProvider implements ScorerProvider {

	/** @throws IllegalStateException with a message for the user when a model cannot be loaded or reached */
	@Override
	public Scorer scorerFor(JourneyPlan plan, Path journeyDirectory) {
		List<RemoteModelSpec> remote = remoteSpecs(plan);
		if (remote.isEmpty()) {
			return new OnnxScorerProvider().scorerFor(plan, journeyDirectory);
		}
		Map<String, ModelSpec> local = new LinkedHashMap<>(OnnxScorerProvider.specs(plan));
		remote.forEach(spec -> local.remove(spec.name()));
		Map<String, Scorer> byModel = new LinkedHashMap<>();
		try {
			RemoteScorer remoteScorer = RemoteScorer.connect(remote, journeyDirectory, RemoteSettings.DEFAULTS, System.getenv());
			remote.forEach(spec -> byModel.put(spec.name(), remoteScorer));
			if (!local.isEmpty()) {
				OnnxScorer localScorer = OnnxScorer.forModels(local, journeyDirectory, OnnxScorerProvider.options());
				local.keySet().forEach(name -> byModel.put(name, localScorer));
			}
		} catch (ModelLoadException e) {
			byModel.values().stream().distinct().forEach(Scorer::close);
			throw new IllegalStateException(e.getMessage(), e);
		}
		return new ScorersByModel(byModel);
	}

	/** The plan's remotely scored models, in declaration order. */
	public static List<RemoteModelSpec> remoteSpecs(JourneyPlan plan) {
		List<RemoteModelSpec> specs = new ArrayList<>();
		for (Model model : plan.models()) {
			if (model.remote() != null) {
				OptionalInt column = model.column() == null ? OptionalInt.empty() : OptionalInt.of(model.column());
				specs.add(new RemoteModelSpec(model.name(), model.remote().url(), model.inputs(), model.output(), column,
						Path.of(model.path()), model.remote().fallbackScore()));
			}
		}
		return specs;
	}
}
