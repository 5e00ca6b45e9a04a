package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class ModelFileValidatorTest {
	private static final String MODEL_CODES = "io.itinera.journey.model.";

	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validation;

	@Inject
	com.google.inject.Provider<XtextResourceSet> resourceSets;

	@TempDir
	Path dir;

	@BeforeEach
	void writeModel() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), new float[4][2], new float[2]);
	}

	@Test
	void aDeclarationThatFitsTheFileHasNoModelIssues() throws Exception {
		assertEquals(List.of(), modelIssues(journey("a, b, c, d", "output[1]")));
	}

	@Test
	void anExplicitColumnZeroCounts() throws Exception {
		assertEquals(List.of(), modelIssues(journey("a, b, c, d", "output[0]")));
	}

	@Test
	void aMissingFileIsAnError() throws Exception {
		Files.delete(dir.resolve("models/intent.onnx"));
		Journey journey = journey("a, b, c, d", "output[1]");
		validation.assertError(journey, JourneyPackage.Literals.MODEL_DECL, JourneyIssueCodes.MODEL_FILE_MISSING,
				"Model file 'models/intent.onnx' not found (looked for " + dir.resolve("models/intent.onnx"));
		assertEquals(1, modelIssues(journey).size());
	}

	@Test
	void aCorruptFileIsAnErrorNotACrash() throws Exception {
		Files.write(dir.resolve("models/intent.onnx"), new byte[] {0x08, 0x07, 0x12, 0x7f, 0x01, 0x02, 0x03});
		Journey journey = journey("a, b, c, d", "output[1]");
		validation.assertError(journey, JourneyPackage.Literals.MODEL_DECL, JourneyIssueCodes.MODEL_FILE_CORRUPT,
				"Model file 'models/intent.onnx' is not a readable ONNX model");
		assertEquals(1, modelIssues(journey).size());
	}

	@Test
	void tooFewInputsSayHowManyTheFileTakes() throws Exception {
		validation.assertError(journey("a, b, c", "output[1]"), JourneyPackage.Literals.MODEL_DECL,
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH,
				"the file takes 4 features in one input (input: float[?, 4]) but the declaration lists 3",
				"The file expects inputs input: float[?, 4]; outputs output: float[?, 2].");
	}

	@Test
	void anUnknownOutputListsTheFilesOutputs() throws Exception {
		validation.assertError(journey("a, b, c, d", "probability[1]"), JourneyPackage.Literals.MODEL_DECL,
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH,
				"the file has no output 'probability'; its outputs are output: float[?, 2]");
	}

	@Test
	void aColumnOutOfRangeIsAnError() throws Exception {
		validation.assertError(journey("a, b, c, d", "output[2]"), JourneyPackage.Literals.MODEL_DECL,
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH, "column 2 is out of range");
	}

	@Test
	void aSeveralColumnOutputNeedsAColumn() throws Exception {
		validation.assertError(journey("a, b, c, d", "output"), JourneyPackage.Literals.MODEL_DECL,
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH, "say which one is the score, e.g. output[1]");
	}

	@Test
	void aNonFloatInputIsAnError() throws Exception {
		OnnxTestModels.int64Input(dir.resolve("models/intent.onnx"), 4);
		validation.assertError(journey("a, b, c, d", "output[1]"), JourneyPackage.Literals.MODEL_DECL,
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH, "is int64 but features are passed as float");
	}

	@Test
	void namedInputsInAnotherOrderAreAnError() throws Exception {
		OnnxTestModels.namedInputsLogistic(dir.resolve("models/intent.onnx"), List.of("b", "a", "c", "d"),
				new float[4], 0);
		validation.assertError(journey("a, b, c, d", "score"), JourneyPackage.Literals.MODEL_DECL,
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH,
				"the file takes its inputs in the order b, a, c, d; list them in that order");
	}

	@Test
	void aJourneyParsedFromMemoryIsNotCheckedAgainstFiles() throws Exception {
		Files.delete(dir.resolve("models/intent.onnx"));
		Journey inMemory = parser.parse(text("a, b, c, d", "output[1]"));
		assertEquals(List.of(), modelIssues(inMemory));
	}

	private Journey journey(String inputs, String output) throws Exception {
		String text = text(inputs, output);
		Path file = dir.resolve("test.journey");
		Files.writeString(file, text);
		Journey journey = parser.parse(text, URI.createFileURI(file.toString()), resourceSets.get());
		assertTrue(journey.eResource().getErrors().isEmpty(), () -> journey.eResource().getErrors().toString());
		return journey;
	}

	private static String text(String inputs, String output) {
		return """
				journey Test {
				  entry on cart_add
				  event cart_add { price: decimal }
				  feature a = count(cart_add) over 7 days
				  feature b = sum(cart_add.price) over 7 days
				  feature c = days since last cart_add
				  feature d = count(cart_add) over 1 day
				  model intent "models/intent.onnx" {
				    inputs %s
				    output %s
				  }
				  stage Start (awareness) { }
				}
				""".formatted(inputs, output);
	}

	private List<Issue> modelIssues(Journey journey) {
		return validation.validate(journey).stream()
				.filter(issue -> issue.getCode() != null && issue.getCode().startsWith(MODEL_CODES))
				.toList();
	}
}
