package io.itinera.runtime.scoring;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Turns a batch of feature rows into the model's input tensors and its output into one score
 * per row. No batchifier: the rows already are the batch (DJL's stacking batchifier is not
 * supported by its ONNX Runtime engine). Scores are copied onto the Java heap, so nothing
 * outlives the per-call manager.
 */
final class RowsTranslator implements NoBatchifyTranslator<float[][], float[]> {
	private final ModelBinding binding;

	RowsTranslator(ModelBinding binding) {
		this.binding = binding;
	}

	@Override
	public NDList processInput(TranslatorContext context, float[][] rows) {
		NDManager manager = context.getNDManager();
		int count = rows.length;
		int width = count == 0 ? 0 : rows[0].length;
		if (binding.layout() == ModelBinding.Layout.MATRIX) {
			float[] flat = new float[count * width];
			for (int row = 0; row < count; row++) {
				System.arraycopy(rows[row], 0, flat, row * width, width);
			}
			NDArray matrix = manager.create(flat, new Shape(count, width));
			matrix.setName(binding.inputNames().get(0));
			return new NDList(matrix);
		}
		NDList columns = new NDList(width);
		for (int feature = 0; feature < width; feature++) {
			float[] column = new float[count];
			for (int row = 0; row < count; row++) {
				column[row] = rows[row][feature];
			}
			Shape shape = binding.inputRanks().get(feature) == 1 ? new Shape(count) : new Shape(count, 1);
			NDArray array = manager.create(column, shape);
			array.setName(binding.inputNames().get(feature));
			columns.add(array);
		}
		return columns;
	}

	@Override
	public float[] processOutput(TranslatorContext context, NDList outputs) {
		NDArray output = outputs.get(binding.output());
		if (output == null) {
			throw new IllegalStateException("the model returned no output named " + binding.output());
		}
		float[] values = output.getDataType() == DataType.FLOAT32
				? output.toFloatArray()
				: output.toType(DataType.FLOAT32, false).toFloatArray();
		Shape shape = output.getShape();
		if (shape.dimension() < 2 || shape.get(1) == 1) {
			return values;
		}
		int count = (int) shape.get(0);
		int width = (int) shape.get(1);
		float[] scores = new float[count];
		for (int row = 0; row < count; row++) {
			scores[row] = values[row * width + binding.column()];
		}
		return scores;
	}
}
