package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itinera.runtime.scoring.OnnxSignature.Value;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelBindingTest {
	private static final List<String> FOUR = List.of("a", "b", "c", "d");

	private static OnnxSignature matrixIn(long width, Value... outputs) {
		return new OnnxSignature(List.of(Value.tensor("input", "float", List.of(-1L, width))), List.of(outputs));
	}

	private static Value probabilities(long columns) {
		return Value.tensor("output", "float", List.of(-1L, columns));
	}

	@Test
	void aMatrixInputWithTheDeclaredWidthBinds() throws Exception {
		ModelBinding binding = ModelBinding.bind(matrixIn(4, probabilities(2)), FOUR, "output", OptionalInt.of(1));
		assertEquals(ModelBinding.Layout.MATRIX, binding.layout());
		assertEquals(1, binding.column());
	}

	@Test
	void anOpenWidthIsAccepted() throws Exception {
		ModelBinding.bind(matrixIn(-1, probabilities(2)), FOUR, "output", OptionalInt.of(1));
	}

	@Test
	void theWrongNumberOfFeaturesSaysWhatTheFileTakes() {
		assertEquals(List.of("the file takes 3 features in one input (input: float[?, 3]) but the declaration lists 4"),
				problems(matrixIn(3, probabilities(2)), FOUR, "output", OptionalInt.of(1)));
	}

	@Test
	void namedInputsMustMatchInNumberTypeAndOrder() {
		OnnxSignature named = new OnnxSignature(List.of(
				Value.tensor("b", "float", List.of(-1L, 1L)),
				Value.tensor("a", "float", List.of(-1L, 1L))),
				List.of(Value.tensor("score", "float", List.of(-1L, 1L))));
		assertEquals(List.of("the file takes its inputs in the order b, a; list them in that order"),
				problems(named, List.of("a", "b"), "score", OptionalInt.empty()));
		assertEquals(List.of("the file takes 2 inputs (b: float[?, 1], a: float[?, 1]) but the declaration lists 3"),
				problems(named, List.of("a", "b", "c"), "score", OptionalInt.empty()));
	}

	@Test
	void aNonFloatInputIsRefused() {
		OnnxSignature ints = new OnnxSignature(List.of(Value.tensor("input", "int64", List.of(-1L, 4L))),
				List.of(probabilities(2)));
		assertEquals(List.of("the file's input input: int64[?, 4] is int64 but features are passed as float;"
				+ " export the model with float inputs"), problems(ints, FOUR, "output", OptionalInt.of(1)));
	}

	@Test
	void theOutputMustExistAndTheColumnBeInRange() {
		OnnxSignature signature = matrixIn(4, Value.tensor("label", "int64", List.of(-1L)), probabilities(2));
		assertEquals(List.of("the file has no output 'probability'; its outputs are label: int64[?], output: float[?, 2]"),
				problems(signature, FOUR, "probability", OptionalInt.of(1)));
		assertEquals(List.of("column 2 is out of range: the file's output output: float[?, 2] has 2 columns (0..1)"),
				problems(signature, FOUR, "output", OptionalInt.of(2)));
		assertEquals(List.of("the file's output output: float[?, 2] has 2 columns; say which one is the score, e.g. output[1]"),
				problems(signature, FOUR, "output", OptionalInt.empty()));
		assertEquals(List.of("the file's output label: int64[?] is int64, not a float score"),
				problems(signature, FOUR, "label", OptionalInt.empty()));
	}

	@Test
	void aSequenceOutputIsNotAScore() {
		OnnxSignature zipMap = matrixIn(4, new Value("output_probability", "sequence", "", List.of()));
		assertEquals(List.of("the file's output output_probability: sequence is not a tensor of scores"
				+ " (a scikit-learn ZipMap? export with zipmap disabled)"),
				problems(zipMap, FOUR, "output_probability", OptionalInt.of(1)));
	}

	@Test
	void aSingleColumnOutputNeedsNoColumn() throws Exception {
		ModelBinding binding = ModelBinding.bind(matrixIn(4, Value.tensor("score", "float", List.of(-1L, 1L))), FOUR,
				"score", OptionalInt.empty());
		assertEquals(ModelBinding.WHOLE_OUTPUT, binding.column());
	}

	private static List<String> problems(OnnxSignature signature, List<String> inputs, String output,
			OptionalInt column) {
		return assertThrows(SignatureMismatchException.class,
				() -> ModelBinding.bind(signature, inputs, output, column)).problems();
	}
}
