package io.itinera.runtime.scoring;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** One ONNX model loaded once through DJL, with a predictor per scoring thread. */
final class LoadedModel implements AutoCloseable {
	private final ModelSpec spec;
	private final Model model;
	private final RowsTranslator translator;
	private final Queue<Predictor<float[][], float[]>> predictors = new ConcurrentLinkedQueue<>();
	private final ThreadLocal<Predictor<float[][], float[]>> threadPredictor;

	private LoadedModel(ModelSpec spec, Model model, ModelBinding binding) {
		this.spec = spec;
		this.model = model;
		this.translator = new RowsTranslator(binding);
		this.threadPredictor = ThreadLocal.withInitial(this::newPredictor);
	}

	static LoadedModel load(ModelSpec spec, Path file, ModelBinding binding, Device device, int intraOpThreads)
			throws IOException, MalformedModelException {
		Model model = Model.newInstance(spec.name(), device, "OnnxRuntime");
		try {
			model.load(file.getParent(), file.getFileName().toString(), Map.of(
					"intraOpNumThreads", String.valueOf(intraOpThreads),
					"interOpNumThreads", "1"));
			return new LoadedModel(spec, model, binding);
		} catch (IOException | MalformedModelException | RuntimeException e) {
			model.close();
			throw e;
		}
	}

	private Predictor<float[][], float[]> newPredictor() {
		Predictor<float[][], float[]> predictor = model.newPredictor(translator);
		predictors.add(predictor);
		return predictor;
	}

	float[] score(float[][] rows) {
		if (rows.length == 0) {
			return new float[0];
		}
		int width = spec.inputs().size();
		for (float[] row : rows) {
			if (row.length != width) {
				throw new IllegalArgumentException("model " + spec.name() + " takes " + width
						+ " inputs per row, got a row of " + row.length);
			}
		}
		try {
			return threadPredictor.get().predict(rows);
		} catch (TranslateException e) {
			throw new IllegalStateException("model " + spec.name() + " failed to score " + rows.length + " rows: "
					+ e.getMessage(), e);
		}
	}

	String device() {
		return model.getNDManager().getDevice().getDeviceType();
	}

	@Override
	public void close() {
		predictors.forEach(Predictor::close);
		predictors.clear();
		model.close();
	}
}
