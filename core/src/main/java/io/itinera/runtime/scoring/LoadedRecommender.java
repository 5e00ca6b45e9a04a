package io.itinera.runtime.scoring;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A recommender loaded once through DJL, with its vocabulary: maps each customer's recent item ids
 * to indices (unknown ids to padding), runs one batch per call, and maps the top-K indices back to
 * ids (padding and out-of-vocabulary indices dropped). One predictor per scoring thread.
 */
final class LoadedRecommender implements AutoCloseable {
	private final String name;
	private final Model model;
	private final ItemVocabulary vocabulary;
	private final RecommenderBinding binding;
	private final SequenceTranslator translator;
	private final Queue<Predictor<SequenceTranslator.Batch, SequenceTranslator.TopK>> predictors = new ConcurrentLinkedQueue<>();
	private final ThreadLocal<Predictor<SequenceTranslator.Batch, SequenceTranslator.TopK>> threadPredictor;

	private LoadedRecommender(String name, Model model, ItemVocabulary vocabulary, RecommenderBinding binding) {
		this.name = name;
		this.model = model;
		this.vocabulary = vocabulary;
		this.binding = binding;
		this.translator = new SequenceTranslator(binding);
		this.threadPredictor = ThreadLocal.withInitial(this::newPredictor);
	}

	static LoadedRecommender load(String name, Path file, ItemVocabulary vocabulary, RecommenderBinding binding,
			Device device, int intraOpThreads) throws IOException, MalformedModelException {
		Model model = Model.newInstance(name, device, "OnnxRuntime");
		try {
			model.load(file.getParent(), file.getFileName().toString(), Map.of(
					"intraOpNumThreads", String.valueOf(intraOpThreads),
					"interOpNumThreads", "1"));
			return new LoadedRecommender(name, model, vocabulary, binding);
		} catch (IOException | MalformedModelException | RuntimeException e) {
			model.close();
			throw e;
		}
	}

	private Predictor<SequenceTranslator.Batch, SequenceTranslator.TopK> newPredictor() {
		Predictor<SequenceTranslator.Batch, SequenceTranslator.TopK> predictor = model.newPredictor(translator);
		predictors.add(predictor);
		return predictor;
	}

	Recommendation[] recommend(String[][] sequences) {
		if (sequences.length == 0) {
			return new Recommendation[0];
		}
		int width = binding.width();
		long[] indices = new long[sequences.length * width];
		for (int row = 0; row < sequences.length; row++) {
			vocabulary.encode(sequences[row], indices, row * width, width);
		}
		SequenceTranslator.TopK top;
		try {
			top = threadPredictor.get().predict(new SequenceTranslator.Batch(indices, sequences.length, width));
		} catch (TranslateException e) {
			throw new IllegalStateException("recommender " + name + " failed on " + sequences.length + " customers: "
					+ e.getMessage(), e);
		}
		Recommendation[] answers = new Recommendation[sequences.length];
		for (int row = 0; row < sequences.length; row++) {
			answers[row] = decode(top, row);
		}
		return answers;
	}

	private Recommendation decode(SequenceTranslator.TopK top, int row) {
		int k = Math.min(top.k(), binding.topK());
		List<String> items = new ArrayList<>(k);
		float[] scores = new float[k];
		for (int i = 0; i < k; i++) {
			String id = vocabulary.idAt(top.indices()[row * top.k() + i]);
			if (id != null) {
				scores[items.size()] = top.scores()[row * top.k() + i];
				items.add(id);
			}
		}
		return new Recommendation(items, Arrays.copyOf(scores, items.size()));
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
