package io.itinera.runtime.scoring;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores customers with ONNX models through DJL's ONNX Runtime engine, one batch of rows per
 * run. Each model is loaded once, checked against its declaration, and placed on the device
 * its choice resolves to (CUDA when {@code auto} finds a usable GPU, else the CPU). Thread-safe:
 * each scoring thread gets its own predictor.
 */
public final class OnnxScorer implements Scorer {
	private static final Logger LOG = LoggerFactory.getLogger(OnnxScorer.class);

	private final Map<String, LoadedModel> models;
	private final Map<String, LoadedRecommender> recommenders;

	private OnnxScorer(Map<String, LoadedModel> models, Map<String, LoadedRecommender> recommenders) {
		this.models = models;
		this.recommenders = recommenders;
	}

	/**
	 * Loads every model of a journey.
	 *
	 * @param specs   the declared models by name
	 * @param baseDir the journey file's folder, which relative model paths are resolved against
	 * @throws ModelLoadException naming the model, its file and the fix, for the first model that cannot load
	 */
	public static OnnxScorer forModels(Map<String, ModelSpec> specs, Path baseDir, ScorerOptions options)
			throws ModelLoadException {
		DjlOffline.enforce();
		Map<String, LoadedModel> loaded = new LinkedHashMap<>();
		Map<String, LoadedRecommender> recommenders = new LinkedHashMap<>();
		try {
			for (Map.Entry<String, ModelSpec> entry : specs.entrySet()) {
				if (entry.getValue().recommender() != null) {
					recommenders.put(entry.getKey(), RecommenderLoader.load(entry.getValue(), baseDir, options));
				} else {
					loaded.put(entry.getKey(), load(entry.getValue(), baseDir, options));
				}
			}
		} catch (ModelLoadException | RuntimeException e) {
			loaded.values().forEach(LoadedModel::close);
			recommenders.values().forEach(LoadedRecommender::close);
			throw e;
		}
		return new OnnxScorer(loaded, recommenders);
	}

	private static LoadedModel load(ModelSpec spec, Path baseDir, ScorerOptions options) throws ModelLoadException {
		Path file = spec.resolve(baseDir);
		ModelBinding binding;
		try {
			OnnxSignature signature = OnnxModelInspector.shared().inspect(file);
			binding = ModelBinding.bind(signature, spec.inputs(), spec.output(), spec.column());
		} catch (ModelFileException e) {
			throw new ModelLoadException("model " + spec.name() + ": " + e.getMessage(), e);
		} catch (SignatureMismatchException e) {
			throw new ModelLoadException("model " + spec.name() + " (" + file + ") does not match its declaration: "
					+ e.getMessage(), e);
		}
		DeviceChoice choice = spec.device().orElse(options.device());
		Device device = ScoringDevices.resolve(choice, spec.name());
		try {
			return LoadedModel.load(spec, file, binding, device, options.intraOpThreads());
		} catch (IOException | MalformedModelException | RuntimeException e) {
			if (choice == DeviceChoice.AUTO && device.isGpu()) {
				LOG.warn("model {} could not start on the GPU ({}); running it on the CPU", spec.name(), e.getMessage());
				return loadOnCpu(spec, file, binding, options);
			}
			throw new ModelLoadException("model " + spec.name() + ": ONNX Runtime cannot load " + file + " on "
					+ device.getDeviceType() + ": " + e.getMessage(), e);
		}
	}

	private static LoadedModel loadOnCpu(ModelSpec spec, Path file, ModelBinding binding, ScorerOptions options)
			throws ModelLoadException {
		try {
			return LoadedModel.load(spec, file, binding, Device.cpu(), options.intraOpThreads());
		} catch (IOException | MalformedModelException | RuntimeException e) {
			throw new ModelLoadException("model " + spec.name() + ": ONNX Runtime cannot load " + file + ": "
					+ e.getMessage(), e);
		}
	}

	@Override
	public float[] score(String model, float[][] rows) {
		return model(model).score(rows);
	}

	@Override
	public Recommendation[] recommend(String model, String[][] sequences) {
		LoadedRecommender recommender = recommenders.get(model);
		if (recommender == null) {
			throw new IllegalArgumentException("no recommender named " + model + "; loaded: " + recommenders.keySet());
		}
		return recommender.recommend(sequences);
	}

	@Override
	public String device(String model) {
		LoadedRecommender recommender = recommenders.get(model);
		return recommender != null ? recommender.device() : model(model).device();
	}

	private LoadedModel model(String name) {
		LoadedModel model = models.get(name);
		if (model == null) {
			throw new IllegalArgumentException("no model named " + name + "; loaded: " + models.keySet());
		}
		return model;
	}

	@Override
	public void close() {
		models.values().forEach(LoadedModel::close);
		recommenders.values().forEach(LoadedRecommender::close);
	}
}
