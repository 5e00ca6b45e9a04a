package io.itinera.runtime.scoring;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Feeds a batch of item-index sequences (already padded to the model's width) to a recommender and
 * copies its top-K indices and scores onto the Java heap.
 */
final class SequenceTranslator implements NoBatchifyTranslator<SequenceTranslator.Batch, SequenceTranslator.TopK> {
	/** {@code rows} sequences of {@code width} indices, row after row. */
	record Batch(long[] indices, int rows, int width) {
	}

	/** {@code rows} × K indices and scores, row after row. */
	record TopK(long[] indices, float[] scores, int k) {
	}

	private final RecommenderBinding binding;

	SequenceTranslator(RecommenderBinding binding) {
		this.binding = binding;
	}

	@Override
	public NDList processInput(TranslatorContext context, Batch batch) {
		Shape shape = new Shape(batch.rows(), batch.width());
		NDArray input = binding.inputType().equals("int32")
				? context.getNDManager().create(toInts(batch.indices()), shape)
				: context.getNDManager().create(batch.indices(), shape);
		input.setName(binding.input());
		return new NDList(input);
	}

	@Override
	public TopK processOutput(TranslatorContext context, NDList outputs) {
		NDArray items = outputs.get(binding.itemsOutput());
		NDArray scores = outputs.get(binding.scoresOutput());
		if (items == null || scores == null) {
			throw new IllegalStateException("the recommender returned no " + (items == null ? binding.itemsOutput()
					: binding.scoresOutput()));
		}
		long[] indices = items.getDataType() == DataType.INT64 ? items.toLongArray()
				: items.toType(DataType.INT64, false).toLongArray();
		float[] values = scores.getDataType() == DataType.FLOAT32 ? scores.toFloatArray()
				: scores.toType(DataType.FLOAT32, false).toFloatArray();
		return new TopK(indices, values, (int) items.getShape().get(1));
	}

	private static int[] toInts(long[] values) {
		int[] ints = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			ints[i] = (int) values[i];
		}
		return ints;
	}
}
