package io.itinera.runtime.scoring;

import io.itinera.runtime.scoring.SignatureMismatchException.Mismatch;
import io.itinera.runtime.scoring.SignatureMismatchException.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * How a recommender declaration maps onto its file: one integer input {@code [batch, width]} of
 * item indices (newest last, left-padded with 0), an integer output of the top K indices and a
 * float output of their scores, both {@code [batch, K]}, best first. {@link #bind} is the one
 * place the rules live: the compile-time validator and the scorer both use it.
 */
public record RecommenderBinding(String input, String inputType, int width, String itemsOutput, String scoresOutput,
		int topK) {

	/**
	 * @param sequenceLength the declared sequence feature's N (used as the width when the file leaves it open)
	 * @param vocabularySize the number of ids in the vocabulary file, checked against the file's metadata when it has it
	 */
	public static RecommenderBinding bind(OnnxSignature signature, int sequenceLength, String itemsOutput,
			String scoresOutput, int topK, int vocabularySize) throws SignatureMismatchException {
		List<Mismatch> problems = new ArrayList<>();
		int width = sequenceLength;
		String inputType = "int64";
		List<OnnxSignature.Value> inputs = signature.inputs();
		if (inputs.size() != 1) {
			problems.add(new Mismatch(Part.INPUTS, "a recommender takes one input of item indices [batch, N], but the file takes "
					+ inputs.size() + " (" + OnnxSignature.describe(inputs) + ")"));
		} else {
			OnnxSignature.Value input = inputs.get(0);
			inputType = input.elementType();
			if (!input.isTensor() || !isInteger(input) || input.rank() != 2) {
				problems.add(new Mismatch(Part.INPUTS, "the file's input " + input.describe()
						+ " is not item indices int64[batch, N]; export the model with an integer sequence input"));
			} else if (input.width() != OnnxSignature.Value.OPEN && input.width() != sequenceLength) {
				problems.add(new Mismatch(Part.INPUTS, "the file takes the last " + input.width() + " items ("
						+ input.describe() + ") but the sequence feature keeps " + sequenceLength
						+ "; declare it as last " + input.width()));
			} else if (input.width() != OnnxSignature.Value.OPEN) {
				width = (int) input.width();
			}
		}
		checkOutput(signature, itemsOutput, true, topK, problems);
		checkOutput(signature, scoresOutput, false, topK, problems);
		String declaredSize = signature.metadata().get(OnnxSignature.VOCABULARY_SIZE);
		if (declaredSize != null && !declaredSize.equals(String.valueOf(vocabularySize + 1))) {
			problems.add(new Mismatch(Part.INPUTS, "the model knows " + declaredSize
					+ " item indices (padding included) but the vocabulary lists " + vocabularySize
					+ " items (+ padding = " + (vocabularySize + 1) + "); use the vocabulary the model was trained with"));
		}
		if (!problems.isEmpty()) {
			throw new SignatureMismatchException(problems);
		}
		String input = inputs.get(0).name();
		return new RecommenderBinding(input, inputType, width, itemsOutput, scoresOutput, topK);
	}

	private static void checkOutput(OnnxSignature signature, String name, boolean items, int topK, List<Mismatch> problems) {
		OnnxSignature.Value output = signature.output(name).orElse(null);
		String what = items ? "items" : "scores";
		if (output == null) {
			problems.add(new Mismatch(Part.OUTPUT, "the file has no output '" + name + "' for the " + what
					+ "; its outputs are " + OnnxSignature.describe(signature.outputs())));
			return;
		}
		boolean typeFits = items ? isInteger(output) : output.elementType().equals("float");
		if (!output.isTensor() || !typeFits || output.rank() != 2) {
			problems.add(new Mismatch(Part.OUTPUT, "the file's output " + output.describe() + " is not the " + what + " "
					+ (items ? "int64" : "float") + "[batch, K]"));
		} else if (output.width() != OnnxSignature.Value.OPEN && output.width() != topK) {
			problems.add(new Mismatch(Part.OUTPUT, "the file's output " + output.describe() + " gives the top "
					+ output.width() + " " + what + ", not " + topK + "; declare " + name + "[" + output.width() + "]"));
		}
	}

	private static boolean isInteger(OnnxSignature.Value value) {
		return value.elementType().equals("int64") || value.elementType().equals("int32");
	}
}
