package io.itinera.cli.train;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.scoring.ModelLoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera train rfm}: recency, frequency and monetary quintile cut points over the
 * customers of a log, exported as one ONNX model with outputs {@code r}, {@code f}, {@code m}
 * that a journey declares as three models (one per output) over its three RFM features.
 */
@Command(name = "rfm", description = {
		"Compute RFM quintile cut points from an event log and write them as an ONNX model (outputs r, f, m: scores 1..5).",
		"The journey declares the models: model rfmR \"models/rfm.onnx\" { inputs daysIdle, orders, spend  output r } (and f, m).",
		"Example: the command in journeys/models/README.md (\"Segments\") that made journeys/models/rfm.onnx from the UCI"
				+ " baskets, with its whole --map." })
public final class TrainRfmCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "JOURNEY", description = "the .journey file that declares the RFM models")
	Path journeyFile;

	@Mixin
	LogOptions log = new LogOptions();

	@Option(names = "--as-of", paramLabel = "TIME", description = "the moment recency is measured at and after which "
			+ "events are left out: a date (its start, UTC) or an instant (default: the log's last event)")
	String asOf;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "where to write the .onnx file "
			+ "(default: the path of the journey's models that read outputs r, f and m)")
	Path out;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter outText = spec.commandLine().getOut();
		TrainingInputs inputs = TrainingInputs.load(journeyFile, log, err);
		if (inputs == null) {
			return ExitCode.FAILED.code();
		}
		List<Model> models = inputs.plan().models().stream()
				.filter(m -> m.column() == null && RfmOnnx.OUTPUTS.contains(m.output())).toList();
		if (models.isEmpty() || models.stream().map(Model::inputs).distinct().count() != 1
				|| models.stream().map(Model::path).distinct().count() != 1 || models.get(0).inputs().size() != 3) {
			err.println(journeyFile + ": declare the RFM models over one file and three features (recency in days, "
					+ "frequency, monetary), e.g. model rfmR \"models/rfm.onnx\" { inputs daysIdle, orders, spend  output r }"
					+ " and the same with output f and output m; found " + models.stream().map(Model::name).toList());
			return ExitCode.FAILED.code();
		}
		Model model = models.get(0);
		String recency = model.inputs().get(0);
		if (inputs.plan().features().stream().noneMatch(f -> f.name().equals(recency) && f.kind() == AggregateKind.DAYS_SINCE)) {
			err.println(journeyFile + ": model " + model.name() + " takes " + recency + " first; RFM models take recency "
					+ "first: a feature such as days since last order, then frequency and monetary.");
			return ExitCode.FAILED.code();
		}
		long at;
		try {
			at = CustomerTable.asOf(asOf, inputs.history().byCustomer());
		} catch (IllegalArgumentException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		CustomerTable table = CustomerTable.of(inputs.plan(), model.name(), model.inputs(), inputs.history().byCustomer(), at);
		RfmQuintiles quintiles = RfmQuintiles.fit(table.column(0), table.column(1), table.column(2));
		Path target = TrainingInputs.modelFile(journeyFile, model, out);
		RfmOnnx.write(quintiles, target, "itinera.rfm.as_of", Instant.ofEpochMilli(at).toString(), "itinera.rfm.inputs",
				String.join(",", model.inputs()));
		int[][] scores;
		try {
			scores = checkExport(target, model.inputs(), table, quintiles);
		} catch (ModelLoadException | IllegalStateException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		RfmQuintiles q = quintiles;
		MonthlySizes monthly = MonthlySizes.of(inputs.plan(), model.name(), model.inputs(), inputs.history().byCustomer(), at,
				List.of("R ≥ 4 and F ≥ 4 (Champions)", "R ≤ 2 and F ≥ 4 (at risk)", "M = 5 (top spend)"),
				List.of(row -> q.recencyScore(row[0]) >= 4 && q.frequencyScore(row[1]) >= 4,
						row -> q.recencyScore(row[0]) <= 2 && q.frequencyScore(row[1]) >= 4,
						row -> q.monetaryScore(row[2]) == 5));
		RfmReport report = new RfmReport(journeyFile, log.events, model.inputs(), table, quintiles, scores, monthly, target);
		ReportBesideModel.write(target, report.markdown(), report.summary(), outText);
		return ExitCode.OK.code();
	}

	/** Every customer's r, f, m from the written file (scored by the engine's own scorer) must equal the Java scores. */
	private static int[][] checkExport(Path file, List<String> inputs, CustomerTable table, RfmQuintiles quintiles)
			throws ModelLoadException {
		int[][] scores = new int[3][];
		for (int o = 0; o < 3; o++) {
			float[] scored = TrainingInputs.score(file, inputs, RfmOnnx.OUTPUTS.get(o), table.rows());
			scores[o] = new int[scored.length];
			for (int i = 0; i < scored.length; i++) {
				float[] row = table.rows()[i];
				int expected = switch (o) {
					case 0 -> quintiles.recencyScore(row[0]);
					case 1 -> quintiles.frequencyScore(row[1]);
					default -> quintiles.monetaryScore(row[2]);
				};
				if (scored[i] != expected) {
					throw new IllegalStateException(file + ": the exported model gives " + RfmOnnx.OUTPUTS.get(o) + " = "
							+ scored[i] + " for customer " + table.customers().get(i) + " where the cut points give "
							+ expected + "; this is a bug in itinera train rfm, please report it.");
				}
				scores[o][i] = expected;
			}
		}
		return scores;
	}
}
