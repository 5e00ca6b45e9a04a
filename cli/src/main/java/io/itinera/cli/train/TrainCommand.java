package io.itinera.cli.train;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.DeprecatedSpelling;
import io.itinera.cli.vocabulary.DurationOption;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.scoring.DeviceChoice;
import io.itinera.runtime.scoring.ModelLoadException;
import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.OnnxScorerProvider;
import io.itinera.runtime.scoring.ScorerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera train}: trains a journey's model from an event log (logistic regression with
 * Tribuo), on features computed by the runtime's own feature code, and writes the ONNX file the
 * journey declares plus a report measured on a held-out time split.
 */
@Command(name = "train", subcommands = { TrainSegmentsCommand.class, TrainRfmCommand.class, TrainOffersCommand.class }, description = {
		"Train a journey's model (logistic regression) from an event log and write its ONNX file and a report.",
		"The subcommands segments, rfm and offers make a journey's learned-segment, RFM and best-offer models.",
		"Example: itinera train journeys/cart-recovery.journey --model intent --events journeys/data/shop-5k.jsonl "
				+ "--outcome purchase --within 7d -o target/intent.onnx (without -o it replaces the model the journey ships with)" })
public final class TrainCommand implements Callable<Integer> {
	private static final double EXPORT_TOLERANCE = 1e-4;

	@Spec
	CommandSpec spec;

	// JOURNEY, --model, --events, --outcome and --within are required, checked in call(): picocli would ask for them before a subcommand too
	@Parameters(index = "0", arity = "0..1", paramLabel = "JOURNEY", description = "the .journey file that declares the model")
	Path journeyFile;

	@Option(names = "--model", description = "the model's name in the journey")
	String modelName;

	@Option(names = "--events", paramLabel = "LOG", description = "the event log: CSV or JSON Lines")
	Path eventsFile;

	@Option(names = "--outcome", description = "the event the model predicts, for example purchase")
	String outcome;

	@Option(names = "--within", description = "how soon the outcome must follow, for example 7d, 30d, 12h")
	String within;

	@Option(names = "--absent", description = "the positive class is the outcome NOT happening (for example churn)")
	boolean absent;

	@Option(names = "--every", defaultValue = "1d", description = "one snapshot per customer per period (default ${DEFAULT-VALUE})")
	String every;

	@Option(names = "--test-fraction", defaultValue = "0.25", description = "the latest share of snapshots held out (default ${DEFAULT-VALUE})")
	double testFraction;

	@Option(names = "--threshold", defaultValue = "0.5", description = "score threshold for precision/recall (default ${DEFAULT-VALUE})")
	double threshold;

	@Option(names = "--epochs", defaultValue = "10", description = "training passes (default ${DEFAULT-VALUE})")
	int epochs;

	@Option(names = "--seed", defaultValue = "1", description = "training seed (default ${DEFAULT-VALUE})")
	long seed;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "where to write the .onnx file (default: the path the journey declares)")
	Path out;

	@Option(names = "--out", paramLabel = "FILE", hidden = true, description = "old spelling of --output")
	void oldOut(Path file) {
		out = DeprecatedSpelling.read(spec, "--out", "-o/--output (--out is a folder everywhere else)", file);
	}

	@Override
	public Integer call() throws IOException {
		requireArguments();
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter outText = spec.commandLine().getOut();
		JourneyPlan plan = TrainingInputs.plan(journeyFile, err);
		if (plan == null) {
			return ExitCode.FAILED.code();
		}
		Model model = plan.models().stream().filter(m -> m.name().equals(modelName)).findFirst().orElse(null);
		if (model == null) {
			err.println(journeyFile + ": no model named " + modelName + "; the journey declares "
					+ plan.models().stream().map(Model::name).toList());
			return ExitCode.FAILED.code();
		}
		Path target = TrainingInputs.modelFile(journeyFile, model, out);

		if (!Files.isRegularFile(eventsFile)) {
			throw CommandError.error(eventsFile + ": no such event log; give a CSV or JSON Lines file (itinera generate writes one).");
		}
		EventHistory history;
		try {
			history = EventHistory.read(eventsFile, plan);
		} catch (IllegalArgumentException e) { // a log that cannot be read as events: a wrong input, exit 2 as in every command
			throw CommandError.error(e.getMessage());
		}
		if (history.unreadable() > 0) {
			err.println("note: skipped " + history.unreadable() + " lines of " + eventsFile
					+ " (events the journey does not declare, or lines that cannot be read).");
		}
		SnapshotSampler sampler = new SnapshotSampler(plan, model, outcome, DurationOption.positiveMillis("--within", within), absent,
				DurationOption.positiveMillis("--every", every));
		TimeSplit split = TimeSplit.of(sampler.sample(history.byCustomer()), testFraction, DurationOption.positiveMillis("--within", within));
		if (split.training().isEmpty() || split.test().isEmpty()) {
			err.println(eventsFile + ": too little history to train and test (" + split.training().size()
					+ " training and " + split.test().size() + " test snapshots); use a longer log or a shorter --within.");
			return ExitCode.FAILED.code();
		}
		if (split.training().stream().allMatch(Snapshot::positive)
				|| split.training().stream().noneMatch(Snapshot::positive)) {
			err.println(eventsFile + ": every training snapshot has the same label; check --outcome and --within.");
			return ExitCode.FAILED.code();
		}

		InputScaling scaling = InputScaling.fit(split.training(), recencyInputs(plan, model));
		PropensityTrainer trainer = new PropensityTrainer(model.inputs(), epochs, seed);
		LinearSGDModel trained = trainer.train(split.training(), scaling);
		int positiveColumn = trained.getOutputIDInfo().getID(PropensityTrainer.POSITIVE);
		if (model.column() == null || model.column() != positiveColumn) {
			err.println(journeyFile + ": model " + modelName + " must read column " + positiveColumn
					+ " (the positive class); declare output " + model.output() + "[" + positiveColumn + "]");
			return ExitCode.FAILED.code();
		}
		OnnxExport.write(trained, scaling, model.output(), target);

		float[] testScores;
		double exportDifference;
		try {
			testScores = score(target, model, split.test());
			exportDifference = maxDifference(testScores, split.test(), trainer, trained, scaling);
		} catch (ModelLoadException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		if (exportDifference > EXPORT_TOLERANCE) {
			err.println(target + ": the exported model differs from the trained one by " + exportDifference
					+ "; this is a bug in itinera train, please report it.");
			return ExitCode.FAILED.code();
		}
		boolean[] labels = new boolean[split.test().size()];
		for (int i = 0; i < labels.length; i++) {
			labels[i] = split.test().get(i).positive();
		}
		BinaryEvaluation evaluation = BinaryEvaluation.of(testScores, labels, threshold);
		TrainingReport report = new TrainingReport(journeyFile, modelName, eventsFile, outcome, within, absent, split,
				scaling, model.inputs(), evaluation, exportDifference, target, epochs, seed);
		ReportBesideModel.write(target, report.markdown(), report.summary(), outText);
		return ExitCode.OK.code();
	}

	private void requireArguments() {
		List<String> missing = new java.util.ArrayList<>();
		if (journeyFile == null) {
			missing.add("JOURNEY");
		}
		Map.of("--model", modelName == null, "--events", eventsFile == null, "--outcome", outcome == null, "--within",
				within == null).forEach((option, absent) -> {
					if (absent) {
						missing.add(option);
					}
				});
		if (!missing.isEmpty()) {
			java.util.Collections.sort(missing);
			throw new picocli.CommandLine.ParameterException(spec.commandLine(),
					"Missing required: " + String.join(", ", missing) + " (or a subcommand: segments, rfm, offers)");
		}
	}

	/** Per model input, whether it is a days-since feature (a missing value means "never": more than ever seen). */
	static boolean[] recencyInputs(JourneyPlan plan, Model model) {
		boolean[] recency = new boolean[model.inputs().size()];
		for (int i = 0; i < recency.length; i++) {
			String input = model.inputs().get(i);
			recency[i] = plan.features().stream().filter(f -> f.name().equals(input)).map(Feature::kind)
					.anyMatch(kind -> kind == AggregateKind.DAYS_SINCE || kind == AggregateKind.DAYS_SINCE_FIRST);
		}
		return recency;
	}

	/** Scores through the same OnnxScorer the engine uses, so the report measures what will run. */
	private static float[] score(Path file, Model model, List<Snapshot> snapshots) throws ModelLoadException {
		ModelSpec spec = new ModelSpec(model.name(), file.toAbsolutePath(), model.inputs(), model.output(),
				OnnxScorerProvider.spec(model).column(), DeviceChoice.CPU);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of(model.name(), spec), file.toAbsolutePath().getParent(),
				ScorerOptions.defaults())) {
			float[][] rows = snapshots.stream().map(Snapshot::inputs).toArray(float[][]::new);
			return scorer.score(model.name(), rows);
		}
	}

	private static double maxDifference(float[] onnxScores, List<Snapshot> snapshots, PropensityTrainer trainer,
			LinearSGDModel trained, InputScaling scaling) {
		double max = 0;
		for (int i = 0; i < onnxScores.length; i++) {
			double tribuo = trainer.probability(trained, scaling.apply(snapshots.get(i).inputs()));
			max = Math.max(max, Math.abs(tribuo - onnxScores[i]));
		}
		return max;
	}

	/** The snapshots ordered by time and cut: the latest share is the test set. */
	public record TimeSplit(List<Snapshot> training, List<Snapshot> test, long cutoff) {
		/** Training keeps only snapshots whose outcome window closes before the cutoff, so no label peeks into the test period. */
		public static TimeSplit of(List<Snapshot> snapshots, double testFraction, long horizonMillis) {
			List<Snapshot> ordered = snapshots.stream().sorted(Comparator.comparingLong(Snapshot::at)).toList();
			if (ordered.isEmpty()) {
				return new TimeSplit(List.of(), List.of(), 0);
			}
			int cut = (int) Math.floor(ordered.size() * (1 - testFraction));
			long cutoff = ordered.get(Math.min(cut, ordered.size() - 1)).at();
			List<Snapshot> training = ordered.stream().filter(s -> s.at() + horizonMillis <= cutoff).toList();
			List<Snapshot> test = ordered.stream().filter(s -> s.at() >= cutoff).toList();
			return new TimeSplit(training, test, cutoff);
		}
	}
}
