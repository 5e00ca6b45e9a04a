package io.itinera.dsl.validation;

import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.Sequence;
import io.itinera.runtime.scoring.ItemVocabulary;
import io.itinera.runtime.scoring.ModelBinding;
import io.itinera.runtime.scoring.RecommenderBinding;
import io.itinera.runtime.scoring.ModelFileException;
import io.itinera.runtime.scoring.OnnxModelInspector;
import io.itinera.runtime.scoring.OnnxSignature;
import io.itinera.runtime.scoring.SignatureMismatchException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;

/**
 * Checks each model declaration against its ONNX file (relative to the journey file): the file
 * is there, it is a readable ONNX model, and its inputs and output fit what is declared. Every
 * message says what the file really expects. Files are inspected once per modification.
 */
public class ModelFileValidator extends ComposedJourneyCheck {



	@Check
	public void checkModelFile(ModelDecl model) {
		if (model.getPath() == null || model.getPath().isBlank()) {
			return;
		}
		Optional<Path> file = resolve(model);
		if (file.isEmpty()) {
			return;
		}
		OnnxSignature signature;
		try {
			signature = OnnxModelInspector.shared().inspect(file.get());
		} catch (ModelFileException e) {
			reportFileProblem(model, file.get(), e);
			return;
		}
		List<String> inputs = declaredInputs(model);
		if (inputs == null) {
			return; // an unresolved input is already a linking error
		}
		if (model.getVocabulary() != null) {
			checkRecommender(model, signature);
			return;
		}
		List<String> offers = io.itinera.dsl.compiler.OfferModels.offersOf(model);
		if (offers != null) {
			checkOfferColumns(model, signature, offers);
		}
		try {
			ModelBinding.bind(signature, inputs, model.getOutput(), offers != null ? OptionalInt.of(0) : declaredColumn(model));
		} catch (SignatureMismatchException e) {
			for (SignatureMismatchException.Mismatch mismatch : e.mismatches()) {
				error(doesNotFit(model, mismatch, signature),
						featureOf(mismatch.part()), JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH);
			}
		}
	}

	/** A model that chooses offers has one output column per offer, in the order the send lists them. */
	private void checkOfferColumns(ModelDecl model, OnnxSignature signature, List<String> offers) {
		for (OnnxSignature.Value output : signature.outputs()) {
			if (output.name().equals(model.getOutput()) && output.isTensor() && output.rank() == 2 && output.width() >= 0
					&& output.width() != offers.size()) {
				error("Model file '" + model.getPath() + "' gives " + output.width() + " values per customer in " + output.describe()
						+ " but 'best of " + model.getName() + "' lists " + offers.size() + " offers: its output needs one column per offer, "
						+ "in the listed order (itinera train offers writes such a model).", JourneyPackage.Literals.MODEL_DECL__OUTPUT,
						JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH);
			}
		}
	}

	/** The mismatch, and the file's whole signature unless the mismatch already lists what the file has. */
	private static String doesNotFit(ModelDecl model, SignatureMismatchException.Mismatch mismatch, OnnxSignature signature) {
		String expects = mismatch.message().contains("its outputs are") ? "" : ". The file expects " + signature.describe();
		return "Model file '" + model.getPath() + "' does not fit this declaration: " + mismatch.message() + expects + ".";
	}

	/** The vocabulary file, then the ONNX signature against the declaration and the vocabulary's size. */
	private void checkRecommender(ModelDecl model, OnnxSignature signature) {
		if (model.getScores() == null || model.getInputs().size() != 1
				|| !(model.getInputs().get(0).getDefinition() instanceof Sequence sequence)) {
			return; // RecommenderValidator says what the declaration lacks
		}
		Optional<Path> vocabularyFile = resolve(model, model.getVocabulary());
		if (vocabularyFile.isEmpty()) {
			return;
		}
		ItemVocabulary vocabulary;
		try {
			vocabulary = ItemVocabulary.read(vocabularyFile.get());
		} catch (ItemVocabulary.VocabularyException e) {
			error("Vocabulary '" + model.getVocabulary() + "' " + e.reason() + " (looked at " + vocabularyFile.get()
					+ "; the path is relative to this journey file)", JourneyPackage.Literals.MODEL_DECL__VOCABULARY,
					JourneyIssueCodes.MODEL_VOCABULARY);
			return;
		}
		try {
			RecommenderBinding.bind(signature, sequence.getLength(), model.getOutput(), model.getScores(), model.getColumn(),
					vocabulary.size());
		} catch (SignatureMismatchException e) {
			for (SignatureMismatchException.Mismatch mismatch : e.mismatches()) {
				boolean aboutVocabulary = mismatch.message().contains("vocabulary");
				error(doesNotFit(model, mismatch, signature),
						aboutVocabulary ? JourneyPackage.Literals.MODEL_DECL__VOCABULARY : featureOf(mismatch.part()),
						aboutVocabulary ? JourneyIssueCodes.MODEL_VOCABULARY : JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH);
			}
		}
	}

	private void reportFileProblem(ModelDecl model, Path file, ModelFileException e) {
		if (e.problem() == ModelFileException.Problem.MISSING) {
			error("Model file '" + model.getPath() + "' not found (looked for " + file
							+ "); the path is relative to this journey file",
					JourneyPackage.Literals.MODEL_DECL__PATH, JourneyIssueCodes.MODEL_FILE_MISSING);
		} else {
			error("Model file '" + model.getPath() + "' " + e.reason() + "; export the model to ONNX again",
					JourneyPackage.Literals.MODEL_DECL__PATH, JourneyIssueCodes.MODEL_FILE_CORRUPT);
		}
	}

	/** The file next to the journey; empty when the journey has no place on disk (nothing to check against). */
	private static Optional<Path> resolve(ModelDecl model) {
		return resolve(model, model.getPath());
	}

	private static Optional<Path> resolve(ModelDecl model, String path) {
		try {
			Path declared = Path.of(path);
			if (declared.isAbsolute()) {
				return Optional.of(declared);
			}
			URI uri = model.eResource() == null ? null : model.eResource().getURI();
			if (uri == null || !uri.isFile() || uri.isRelative()) {
				return Optional.empty(); // parsed from memory (tests, snippets): no folder to look in
			}
			Path journey = Path.of(uri.toFileString()).toAbsolutePath();
			return Optional.of(journey.getParent().resolve(declared).normalize());
		} catch (InvalidPathException e) {
			return Optional.empty();
		}
	}

	private static List<String> declaredInputs(ModelDecl model) {
		List<String> names = new ArrayList<>();
		for (FeatureDecl input : model.getInputs()) {
			if (input.eIsProxy() || input.getName() == null) {
				return null;
			}
			names.add(input.getName());
		}
		return names;
	}

	/** {@code output p[0]} and {@code output p} both leave column 0 in the model, so ask the text. */
	private static OptionalInt declaredColumn(ModelDecl model) {
		boolean written = !NodeModelUtils.findNodesForFeature(model, JourneyPackage.Literals.MODEL_DECL__COLUMN)
				.isEmpty();
		return written ? OptionalInt.of(model.getColumn()) : OptionalInt.empty();
	}

	private static EStructuralFeature featureOf(SignatureMismatchException.Part part) {
		return part == SignatureMismatchException.Part.INPUTS
				? JourneyPackage.Literals.MODEL_DECL__INPUTS
				: JourneyPackage.Literals.MODEL_DECL__OUTPUT;
	}
}
