package io.itinera.cli.train;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Logistic regression with Tribuo (log loss, AdaGrad) on scaled snapshots. Features are named
 * so that Tribuo's feature order, which sorts by name, is the journey's declared input order.
 */
public final class PropensityTrainer {
	public static final Label POSITIVE = new Label("1");
	public static final Label NEGATIVE = new Label("0");

	private final List<String> featureNames;
	private final int epochs;
	private final long seed;

	public PropensityTrainer(List<String> inputs, int epochs, long seed) {
		this.featureNames = java.util.stream.IntStream.range(0, inputs.size())
				.mapToObj(i -> String.format("f%03d_%s", i, inputs.get(i))).toList();
		this.epochs = epochs;
		this.seed = seed;
		Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
	}

	public LinearSGDModel train(List<Snapshot> training, InputScaling scaling) {
		LabelFactory labels = new LabelFactory();
		MutableDataset<Label> dataset = new MutableDataset<>(
				new SimpleDataSourceProvenance("itinera event log snapshots", labels), labels);
		for (Snapshot snapshot : training) {
			dataset.add(example(snapshot.positive() ? POSITIVE : NEGATIVE, scaling.apply(snapshot.inputs())));
		}
		LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs,
				Integer.MAX_VALUE, 1, seed);
		LinearSGDModel model = (LinearSGDModel) trainer.train(dataset);
		for (int i = 0; i < featureNames.size(); i++) {
			if (model.getFeatureIDMap().getID(featureNames.get(i)) != i) {
				throw new IllegalStateException("input " + featureNames.get(i) + " did not get column " + i
						+ " (is a feature constant zero in every snapshot?)");
			}
		}
		return model;
	}

	/** Tribuo's own probability of the positive class, for checking the exported file against. */
	public double probability(LinearSGDModel model, double[] scaled) {
		Prediction<Label> prediction = model.predict(example(NEGATIVE, scaled));
		Label positive = prediction.getOutputScores().get(POSITIVE.getLabel());
		return positive == null ? 0 : positive.getScore();
	}

	private Example<Label> example(Label label, double[] values) {
		return new ArrayExample<>(label, featureNames.toArray(String[]::new), values);
	}
}
