package io.itinera.runtime.scoring;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a recommender for the scorer: its vocabulary, its binding to the file, its device (CPU fallback for auto). */
final class RecommenderLoader {
	private static final Logger LOG = LoggerFactory.getLogger(RecommenderLoader.class);

	private RecommenderLoader() {
	}

	static LoadedRecommender load(ModelSpec spec, Path baseDir, ScorerOptions options) throws ModelLoadException {
		ModelSpec.RecommenderSpec recommender = spec.recommender();
		Path file = spec.resolve(baseDir);
		Path vocabularyFile = recommender.vocabulary().isAbsolute() ? recommender.vocabulary()
				: baseDir.resolve(recommender.vocabulary()).normalize();
		ItemVocabulary vocabulary;
		RecommenderBinding binding;
		try {
			vocabulary = ItemVocabulary.read(vocabularyFile);
			OnnxSignature signature = OnnxModelInspector.shared().inspect(file);
			binding = RecommenderBinding.bind(signature, recommender.sequenceLength(), spec.output(),
					recommender.scoresOutput(), recommender.topK(), vocabulary.size());
		} catch (ItemVocabulary.VocabularyException | ModelFileException e) {
			throw new ModelLoadException("model " + spec.name() + ": " + e.getMessage(), e);
		} catch (SignatureMismatchException e) {
			throw new ModelLoadException("model " + spec.name() + " (" + file + ") does not match its declaration: "
					+ e.getMessage(), e);
		}
		DeviceChoice choice = spec.device().orElse(options.device());
		Device device = ScoringDevices.resolve(choice, spec.name());
		try {
			return LoadedRecommender.load(spec.name(), file, vocabulary, binding, device, options.intraOpThreads());
		} catch (IOException | MalformedModelException | RuntimeException e) {
			if (choice != DeviceChoice.AUTO || !device.isGpu()) {
				throw cannotLoad(spec, file, e);
			}
			LOG.warn("model {} could not start on the GPU ({}); running it on the CPU", spec.name(), e.getMessage());
		}
		try {
			return LoadedRecommender.load(spec.name(), file, vocabulary, binding, Device.cpu(), options.intraOpThreads());
		} catch (IOException | MalformedModelException | RuntimeException e) {
			throw cannotLoad(spec, file, e);
		}
	}

	private static ModelLoadException cannotLoad(ModelSpec spec, Path file, Exception e) {
		return new ModelLoadException("model " + spec.name() + ": ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
	}
}
