package io.itinera.cli.train;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The short report next to a trained model: data, split, and how well it ranks and classifies held-out customers. */
record TrainingReport(Path journey, String model, Path events, String outcome, String within, boolean absent,
		TrainCommand.TimeSplit split, InputScaling scaling, List<String> inputs, BinaryEvaluation test,
		double exportDifference, Path modelFile, int epochs, long seed) {

	String summary() {
		return String.format(Locale.ROOT,
				"%s: held-out AUC %.3f; at threshold %.2f precision %s, recall %s (%d test snapshots, %d positive)",
				model, test.auc(), test.threshold(), percent(test.precision()), percent(test.recall()), test.examples(),
				test.positives());
	}

	String markdown() {
		long trainingPositives = split.training().stream().filter(Snapshot::positive).count();
		String label = (absent ? "no " : "") + outcome + " within " + within;
		return String.format(Locale.ROOT, """
				# Model `%s` of %s

				Trained by `itinera train` (Tribuo logistic regression, %d epochs, seed %d) from `%s`.

				- Predicts: **%s** after a snapshot (one per customer per period, taken after an event).
				- Inputs, in order: %s (missing values filled, then standardised inside the ONNX graph).
				- Time split at %s: training %d snapshots (%d positive, windows closed before the split),
				  held-out test %d snapshots (%d positive).

				| held-out metric | value |
				| --- | --- |
				| ROC AUC | %.3f |
				| threshold | %.2f |
				| precision | %s (%d predicted positive) |
				| recall | %s |

				The exported file `%s` reproduces Tribuo's own predictions within %.1e on the test snapshots.
				Scaling: %s.
				""",
				model, journey.getFileName(), epochs, seed, events.getFileName(), label, String.join(", ", inputs),
				Instant.ofEpochMilli(split.cutoff()), split.training().size(), trainingPositives, test.examples(),
				test.positives(), test.auc(), test.threshold(), percent(test.precision()), test.predictedPositive(),
				percent(test.recall()), modelFile.getFileName(), exportDifference, scaling);
	}

	private static String percent(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", value * 100);
	}
}
