package io.itinera.cli.train;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.scoring.ModelLoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera train segments}: clusters the customers of a log by the features a journey's
 * model declares (k-means, k by the best mean silhouette), writes the nearest-centroid ONNX model
 * the journey declares, and a report that describes each cluster in marketer terms.
 */
@Command(name = "segments", description = {
		"Cluster customers by a journey's features (k-means) and write a nearest-centroid ONNX model and a report.",
		"The journey declares the model: model segment \"models/segments.onnx\" { inputs daysIdle, orders, spend  output cluster }",
		"(or output membership[C]: 1 for customers of cluster C, else 0).",
		"Example: the command in journeys/models/README.md (\"Segments\") that made journeys/models/learned_segments.onnx from"
				+ " the UCI baskets, with its whole --map." })
public final class TrainSegmentsCommand implements Callable<Integer> {
	private static final Pattern RANGE = Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?");

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "JOURNEY", description = "the .journey file that declares the model")
	Path journeyFile;

	@Option(names = "--model", required = true, description = "the model's name in the journey; its inputs are the features clustered on")
	String modelName;

	@Mixin
	LogOptions log = new LogOptions();

	@Option(names = "--k", defaultValue = "2..8", paramLabel = "K|MIN..MAX", description = "the number of clusters, or the "
			+ "range the best mean silhouette picks from (default ${DEFAULT-VALUE})")
	String k;

	@Option(names = "--sample", defaultValue = "1000", description = "customers (seeded sample) the silhouette is measured on (default ${DEFAULT-VALUE})")
	int sample;

	@Option(names = "--restarts", defaultValue = "10", description = "k-means++ starts per k, the tightest kept (default ${DEFAULT-VALUE})")
	int restarts;

	@Option(names = "--seed", defaultValue = "1", description = "seed of every random choice (default ${DEFAULT-VALUE})")
	long seed;

	@Option(names = "--categories", split = ",", paramLabel = "FEATURES", description = "features that are a customer's "
			+ "spend per category (for example sum(order.categ0)), for the report's top categories")
	List<String> categories;

	@Option(names = "--as-of", paramLabel = "TIME", description = "the moment the features are read at; later events are "
			+ "left out: a date (its start, UTC) or an instant (default: the log's last event)")
	String asOf;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "where to write the .onnx file (default: the path the journey declares)")
	Path out;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter outText = spec.commandLine().getOut();
		Matcher range = RANGE.matcher(k.trim());
		if (!range.matches() || Integer.parseInt(range.group(1)) < 2
				|| (range.group(2) != null && Integer.parseInt(range.group(2)) < Integer.parseInt(range.group(1)))) {
			err.println("--k " + k + ": give a number of clusters (2 or more) or a range such as 2..8.");
			return ExitCode.FAILED.code();
		}
		int minK = Integer.parseInt(range.group(1));
		int maxK = range.group(2) == null ? minK : Integer.parseInt(range.group(2));
		TrainingInputs inputs = TrainingInputs.load(journeyFile, log, err);
		if (inputs == null) {
			return ExitCode.FAILED.code();
		}
		JourneyPlan plan = inputs.plan();
		Model model = plan.models().stream().filter(m -> m.name().equals(modelName)).findFirst().orElse(null);
		if (model == null) {
			err.println(journeyFile + ": no model named " + modelName + "; the journey declares "
					+ plan.models().stream().map(Model::name).toList());
			return ExitCode.FAILED.code();
		}
		String outputProblem = outputProblem(model, maxK);
		if (outputProblem != null) {
			err.println(journeyFile + ": model " + modelName + " " + outputProblem);
			return ExitCode.FAILED.code();
		}
		long at;
		try {
			at = CustomerTable.asOf(asOf, inputs.history().byCustomer());
		} catch (IllegalArgumentException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		CustomerTable table;
		CustomerTable categoryTable;
		try {
			table = CustomerTable.of(plan, model.name(), model.inputs(), inputs.history().byCustomer(), at);
			categoryTable = categories == null ? null
					: CustomerTable.of(plan, "--categories", categories, inputs.history().byCustomer(), at);
		} catch (IllegalArgumentException e) {
			err.println(journeyFile + ": " + e.getMessage());
			return ExitCode.FAILED.code();
		}
		SegmentTrainer.Result result;
		try {
			result = new SegmentTrainer(minK, maxK, sample, restarts, seed).train(table.rows(),
					TrainCommand.recencyInputs(plan, model));
		} catch (IllegalArgumentException e) {
			err.println(log.events + ": " + e.getMessage() + "; use a longer log or a smaller --k.");
			return ExitCode.FAILED.code();
		}
		Path target = TrainingInputs.modelFile(journeyFile, model, out);
		SegmentsOnnx.write(result.scaling(), result.clustering().centroids(), target, "itinera.segments.inputs",
				String.join(",", model.inputs()), "itinera.segments.as_of", Instant.ofEpochMilli(at).toString(),
				"itinera.segments.seed", Long.toString(seed));
		int differ;
		try {
			differ = exportDifferences(target, model.inputs(), table, result.clustering().assignment());
		} catch (ModelLoadException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		if (differ > 0) {
			err.println(target + ": the exported model puts " + differ + " customers in another cluster than the "
					+ "trained one; this is a bug in itinera train segments, please report it.");
			return ExitCode.FAILED.code();
		}
		List<SegmentProfile> profiles = SegmentProfile.of(table, result.clustering(), result.scaling(), roles(plan, model.inputs()), categoryTable);
		double[][] centroids = result.clustering().centroids();
		ClusterScaling scaling = result.scaling();
		MonthlySizes monthly = MonthlySizes.of(plan, model.name(), model.inputs(), inputs.history().byCustomer(), at,
				profiles.stream().map(p -> p.cluster() + " " + p.name()).toList(),
				profiles.stream().<java.util.function.Predicate<float[]>>map(p -> row -> KMeans.nearest(scaling.apply(row),
						centroids) == p.cluster()).toList());
		SegmentsReport report = new SegmentsReport(journeyFile, log.events, modelName, table, result, profiles, monthly,
				target, seed, sample, restarts);
		ReportBesideModel.write(target, report.markdown(), report.summary(), outText);
		return ExitCode.OK.code();
	}

	/** Why the declared output is not one this command writes, or null. */
	static String outputProblem(Model model, int maxK) {
		if (SegmentsOnnx.CLUSTER.equals(model.output()) && model.column() == null) {
			return null;
		}
		if (SegmentsOnnx.MEMBERSHIP.equals(model.output()) && model.column() != null && model.column() < maxK) {
			return null;
		}
		return "must read output cluster (the cluster's number) or membership[C] (1 in cluster C, C < " + maxK
				+ "), not " + model.output() + (model.column() == null ? "" : "[" + model.column() + "]");
	}

	/** How many customers the written file (scored by the engine's own scorer) puts in another cluster. */
	private static int exportDifferences(Path file, List<String> inputs, CustomerTable table, int[] assignment)
			throws ModelLoadException {
		float[] clusters = TrainingInputs.score(file, inputs, SegmentsOnnx.CLUSTER, table.rows());
		int differ = 0;
		for (int i = 0; i < clusters.length; i++) {
			differ += clusters[i] != assignment[i] ? 1 : 0;
		}
		return differ;
	}

	static SegmentProfile.Roles roles(JourneyPlan plan, List<String> inputs) {
		return new SegmentProfile.Roles(role(plan, inputs, AggregateKind.DAYS_SINCE), role(plan, inputs, AggregateKind.COUNT),
				role(plan, inputs, AggregateKind.SUM));
	}

	private static int role(JourneyPlan plan, List<String> inputs, AggregateKind kind) {
		for (int i = 0; i < inputs.size(); i++) {
			String input = inputs.get(i);
			if (plan.features().stream().anyMatch(f -> f.name().equals(input) && f.kind() == kind)) {
				return i;
			}
		}
		return -1;
	}
}
