package io.itinera.runtime.scoring;

import io.itinera.runtime.scoring.SignatureMismatchException.Mismatch;
import io.itinera.runtime.scoring.SignatureMismatchException.Part;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * How a declaration maps onto a file's signature: where the feature values go in (one
 * {@code [N, k]} float matrix, or k float inputs of one column each, in declared order) and
 * where the score comes out (an output, and a column of it when it has several).
 * {@link #bind} is the one place the rules live: the compile-time validator and the scorer
 * both use it.
 */
public record ModelBinding(Layout layout, List<String> inputNames, List<Integer> inputRanks, String output,
		int column) {
	public static final int WHOLE_OUTPUT = -1;

	public enum Layout { MATRIX, COLUMNS }

	private static ModelBinding bind(OnnxSignature signature, int declaredInputs, String output, OptionalInt column)
			throws SignatureMismatchException {
		List<Mismatch> problems = new ArrayList<>();
		Layout layout = checkInputs(signature, declaredInputs, problems);
		checkOutput(signature, output, column, problems);
		if (!problems.isEmpty()) {
			throw new SignatureMismatchException(problems);
		}
		List<String> inputNames = signature.inputs().stream().map(OnnxSignature.Value::name).toList();
		List<Integer> inputRanks = signature.inputs().stream().map(OnnxSignature.Value::rank).toList();
		return new ModelBinding(layout, inputNames, inputRanks, output, column.orElse(WHOLE_OUTPUT));
	}

	/**
	 * Binds a declaration (its feature names in order, the output, the column if any) to a file's
	 * signature, or lists every way they do not fit. Inputs named like the features must also be
	 * in the declared order.
	 */
	public static ModelBinding bind(OnnxSignature signature, List<String> declaredInputs, String output,
			OptionalInt column) throws SignatureMismatchException {
		ModelBinding binding;
		List<Mismatch> problems = new ArrayList<>();
		try {
			binding = bind(signature, declaredInputs.size(), output, column);
		} catch (SignatureMismatchException e) {
			problems.addAll(e.mismatches());
			binding = null;
		}
		List<String> fileNames = signature.inputs().stream().map(OnnxSignature.Value::name).toList();
		if (fileNames.size() > 1 && new HashSet<>(fileNames).equals(new HashSet<>(declaredInputs))
				&& !fileNames.equals(declaredInputs)) {
			problems.add(new Mismatch(Part.INPUTS, "the file takes its inputs in the order " + String.join(", ", fileNames)
					+ "; list them in that order"));
		}
		if (!problems.isEmpty()) {
			throw new SignatureMismatchException(problems);
		}
		return binding;
	}

	private static Layout checkInputs(OnnxSignature signature, int declared, List<Mismatch> problems) {
		List<OnnxSignature.Value> inputs = signature.inputs();
		if (inputs.size() == 1 && !(declared == 1 && isColumn(inputs.get(0)))) {
			OnnxSignature.Value matrix = inputs.get(0);
			checkFloatTensor(matrix, problems);
			if (matrix.isTensor() && matrix.rank() != 2) {
				problems.add(new Mismatch(Part.INPUTS,
					"the file's input " + matrix.describe() + " is not a [batch, features] matrix"));
			} else if (matrix.isTensor() && matrix.width() != OnnxSignature.Value.OPEN && matrix.width() != declared) {
				problems.add(new Mismatch(Part.INPUTS,
					"the file takes " + matrix.width() + " features in one input (" + matrix.describe()
						+ ") but the declaration lists " + declared));
			}
			return Layout.MATRIX;
		}
		if (inputs.size() != declared) {
			problems.add(new Mismatch(Part.INPUTS,
					"the file takes " + inputs.size() + " inputs (" + OnnxSignature.describe(inputs)
					+ ") but the declaration lists " + declared));
			return Layout.COLUMNS;
		}
		for (OnnxSignature.Value input : inputs) {
			checkFloatTensor(input, problems);
			if (input.isTensor() && !isColumn(input)) {
				problems.add(new Mismatch(Part.INPUTS,
					"the file's input " + input.describe()
						+ " is not one value per customer ([batch] or [batch, 1])"));
			}
		}
		return Layout.COLUMNS;
	}

	private static boolean isColumn(OnnxSignature.Value input) {
		return input.isTensor() && (input.rank() == 1 || (input.rank() == 2 && input.width() == 1));
	}

	private static void checkFloatTensor(OnnxSignature.Value input, List<Mismatch> problems) {
		if (!input.isTensor()) {
			problems.add(new Mismatch(Part.INPUTS,
					"the file's input " + input.describe() + " is not a tensor"));
		} else if (!input.elementType().equals("float")) {
			problems.add(new Mismatch(Part.INPUTS,
					"the file's input " + input.describe() + " is " + input.elementType()
					+ " but features are passed as float; export the model with float inputs"));
		}
	}

	private static void checkOutput(OnnxSignature signature, String output, OptionalInt column, List<Mismatch> problems) {
		int index = indexOf(signature.outputs(), output);
		if (index < 0) {
			problems.add(new Mismatch(Part.OUTPUT,
					"the file has no output '" + output + "'; its outputs are "
					+ OnnxSignature.describe(signature.outputs())));
			return;
		}
		OnnxSignature.Value value = signature.outputs().get(index);
		if (!value.isTensor()) {
			problems.add(new Mismatch(Part.OUTPUT,
					"the file's output " + value.describe() + " is not a tensor of scores"
					+ " (a scikit-learn ZipMap? export with zipmap disabled)"));
		} else if (!value.elementType().equals("float") && !value.elementType().equals("double")) {
			problems.add(new Mismatch(Part.OUTPUT,
					"the file's output " + value.describe() + " is " + value.elementType()
					+ ", not a float score"));
		} else if (value.rank() == 0 || value.rank() > 2) {
			problems.add(new Mismatch(Part.OUTPUT,
					"the file's output " + value.describe() + " is not [batch] or [batch, columns]"));
		} else {
			checkColumn(value, column, problems);
		}
	}

	private static void checkColumn(OnnxSignature.Value value, OptionalInt column, List<Mismatch> problems) {
		long width = value.rank() == 1 ? 1 : value.width();
		if (column.isEmpty()) {
			if (width != 1) {
				problems.add(new Mismatch(Part.OUTPUT,
					"the file's output " + value.describe() + " has "
						+ (width < 0 ? "several" : String.valueOf(width)) + " columns; say which one is the score, e.g. "
						+ value.name() + "[" + (width == 2 ? 1 : 0) + "]"));
			}
			return;
		}
		int chosen = column.getAsInt();
		if (chosen < 0 || (width >= 0 && chosen >= width)) {
			problems.add(new Mismatch(Part.OUTPUT,
					"column " + chosen + " is out of range: the file's output " + value.describe() + " has "
					+ width + (width == 1 ? " column (0)" : " columns (0.." + (width - 1) + ")")));
		}
	}

	private static int indexOf(List<OnnxSignature.Value> values, String name) {
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i).name().equals(name)) {
				return i;
			}
		}
		return -1;
	}
}
