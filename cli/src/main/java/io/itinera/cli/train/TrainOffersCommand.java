package io.itinera.cli.train;

import io.itinera.cli.vocabulary.DurationOption;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.scoring.DeviceChoice;
import io.itinera.runtime.scoring.ModelLoadException;
import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.ScorerOptions;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera train offers}: an expected-value model per offer (ridge regression on the model's input features)
 * from a log of randomised past offers, written as one ONNX model whose output has one column per offer, in the order
 * the journey's {@code best of MODEL among …} lists them. docs/optimise.md, "Best offer per customer".
 */
@Command(name = "offers", description = {
		"Train the expected value of each offer of a journey's 'best of MODEL among …' from a log of randomised past offers,"
				+ " and write the model (.onnx, one output column per offer) and a report.",
		"The offers: the sends of a run's actions file (--actions actions.jsonl, the offer in the send's param),"
				+ " or events of the log (--offer-event E, the offer in its field).",
		"Example: itinera train offers best-offer.journey --events visits.csv --actions sim/actions.jsonl "
				+ "--outcomes sim/market-events.jsonl --outcome purchase --value amount --within 7d, where sim is the --out of"
				+ " itinera simulate best-offer.journey --market M.json (docs/optimise.md, \"Best offer per customer\";"
				+ " cli/src/test/resources/market/ has such a journey and market)." })
public final class TrainOffersCommand implements Callable<Integer> {
	private static final double EXPORT_TOLERANCE = 1e-3;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "JOURNEY", description = "the .journey file whose send chooses 'best of MODEL among …'")
	Path journeyFile;

	@Mixin
	LogOptions log = new LogOptions();

	@Option(names = "--model", description = "the offer model's name (default: the journey's one model a send chooses offers by)")
	String modelName;

	@Option(names = "--actions", paramLabel = "FILE", description = "the actions.jsonl of a run or simulation: its sends are the offers")
	Path actions;

	@Option(names = "--offer-event", paramLabel = "EVENT", description = "without --actions: the log's event that records an offer made")
	String offerEvent;

	@Option(names = "--offer-field", paramLabel = "NAME", description = "the send's param (or the offer event's field) naming the offer "
			+ "(default: the param the journey's send chooses, e.g. coupon)")
	String offerField;

	@Option(names = "--outcomes", paramLabel = "FILE", split = ",", description = "more JSON Lines logs of the customers' events, "
			+ "e.g. the market-events.jsonl of simulate --market")
	List<Path> outcomes = new ArrayList<>();

	@Option(names = "--outcome", required = true, paramLabel = "EVENT", description = "the event whose value the model predicts, e.g. purchase")
	String outcome;

	@Option(names = "--value", paramLabel = "FIELD", description = "the outcome's field to sum (e.g. amount); without it, outcomes are counted")
	String value;

	@Option(names = "--within", required = true, paramLabel = "DURATION", description = "how long after an offer its outcome counts, e.g. 7d")
	String within;

	@Option(names = "--ridge", paramLabel = "LAMBDA", defaultValue = "1.0", description = "the L2 penalty on the standardised "
			+ "weights (default: ${DEFAULT-VALUE})")
	double ridge;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "where to write the .onnx file (default: the model's path)")
	Path out;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter text = spec.commandLine().getOut();
		long withinMillis;
		try {
			withinMillis = DurationOption.positiveMillis("--within", within);
		} catch (IllegalArgumentException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		TrainingInputs inputs = TrainingInputs.load(journeyFile, log, err);
		if (inputs == null) {
			return ExitCode.FAILED.code();
		}
		JourneyPlan plan = inputs.plan();
		Action.OfferChoice choice = choice(plan, err);
		if (choice == null) {
			return ExitCode.FAILED.code();
		}
		Model first = plan.model(Action.OfferChoice.scoreName(choice.model(), choice.offers().get(0)));
		String field = offerField != null ? offerField : choice.param();
		if (actions == null && offerEvent == null) {
			err.println("Say where the offers are: --actions FILE (a run's actions.jsonl, the offer in the send's param " + field
					+ ") or --offer-event EVENT (the log's event with the offer in its field " + field + ").");
			return ExitCode.FAILED.code();
		}
		Map<String, List<Event>> history = new LinkedHashMap<>(inputs.history().byCustomer());
		try {
			for (Path more : outcomes) {
				EventHistory.read(more, plan).byCustomer().forEach((customer, events) -> history.merge(customer, events, (a, b) -> {
					List<Event> merged = new ArrayList<>(a);
					merged.addAll(b);
					merged.sort(Comparator.comparingLong(Event::at));
					return merged;
				}));
			}
		} catch (IllegalArgumentException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		List<OfferRows.Offer> offers;
		try {
			offers = actions != null ? OfferRows.fromActions(actions, field) : OfferRows.fromEvents(history, offerEvent, field);
		} catch (UncheckedIOException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		List<OfferRows.Row> rows = OfferRows.rows(plan, first.inputs(), history, offers,
				choice.offers(), new OfferRows.Spec(field, offerEvent, outcome, value, withinMillis));
		if (rows.isEmpty()) {
			err.println("No offers of " + String.join(", ", choice.offers()) + " found in " + (actions != null ? actions : log.events)
					+ " (" + offers.size() + " offers in all): check " + (actions != null ? "the send's param" : "--offer-event and")
					+ " --offer-field " + field + ".");
			return ExitCode.FAILED.code();
		}
		InputScaling scaling = InputScaling.fit(rows.stream().map(r -> new Snapshot("", 0, r.inputs(), r.outcome() > 0)).toList(),
				TrainCommand.recencyInputs(plan, first));
		List<RidgeRegression> fits = new ArrayList<>();
		List<String> reportLines = new ArrayList<>();
		reportLines.add("| offer | rows | mean outcome | intercept | " + String.join(" | ", first.inputs()) + " |");
		reportLines.add("| --- | ---: | ---: | ---: |" + " ---: |".repeat(first.inputs().size()));
		for (int o = 0; o < choice.offers().size(); o++) {
			int offer = o;
			List<OfferRows.Row> own = rows.stream().filter(r -> r.offer() == offer).toList();
			double[][] x = own.stream().map(r -> scaling.apply(r.inputs())).toArray(double[][]::new);
			double[] y = own.stream().mapToDouble(OfferRows.Row::outcome).toArray();
			RidgeRegression fit = RidgeRegression.fit(x, y, ridge);
			fits.add(fit);
			double mean = own.stream().mapToDouble(OfferRows.Row::outcome).average().orElse(Double.NaN);
			StringBuilder line = new StringBuilder("| " + choice.offers().get(o) + " | " + own.size() + " | " + number(mean) + " | "
					+ number(fit.intercept()) + " |");
			for (double weight : fit.weights()) {
				line.append(' ').append(number(weight)).append(" |");
			}
			reportLines.add(line.toString());
			if (own.isEmpty()) {
				err.println("note: no offers of " + choice.offers().get(o) + " in the log: its expected value is 0 (explore to learn it).");
			}
		}
		Path target = TrainingInputs.modelFile(journeyFile, first, out);
		OfferValueOnnx.write(scaling, fits, first.output(), target, "itinera.offers", String.join(",", choice.offers()),
				"itinera.offers.inputs", String.join(",", first.inputs()));
		double gap;
		try {
			gap = checkExport(target, first, rows, scaling, fits);
		} catch (ModelLoadException e) {
			err.println(e.getMessage());
			return ExitCode.FAILED.code();
		}
		if (gap > EXPORT_TOLERANCE) {
			err.println(target + ": the written model differs from the fit by " + gap + "; this is a bug, please report it.");
			return ExitCode.FAILED.code();
		}
		String title = "# Offer values: " + choice.model() + " (" + journeyFile.getFileName() + ")\n\n" + rows.size() + " offers from "
				+ (actions != null ? actions : log.events) + ", outcome: " + (value == null ? "count of " + outcome : outcome + "." + value)
				+ " within " + within + "; ridge λ " + ridge + ". Weights per standard deviation of each input ("
				+ scaling + "); ONNX and the fit agree within " + String.format(Locale.ROOT, "%.1e", gap) + ".\n\n";
		ReportBesideModel.write(target, title + String.join("\n", reportLines) + "\n", String.join("\n", reportLines), text);
		return ExitCode.OK.code();
	}

	/** The offer choice by --model, else the journey's only one; null after saying why. */
	private Action.OfferChoice choice(JourneyPlan plan, PrintWriter err) {
		List<Action.OfferChoice> choices = new ArrayList<>();
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				for (Action action : rule.actions()) {
					if (action instanceof Action.Send send && send.offerChoice() != null
							&& (modelName == null || modelName.equals(send.offerChoice().model()))
							&& choices.stream().noneMatch(c -> c.model().equals(send.offerChoice().model()))) {
						choices.add(send.offerChoice());
					}
				}
			}
		}
		if (choices.size() == 1 && plan.model(Action.OfferChoice.scoreName(choices.get(0).model(), choices.get(0).offers().get(0))) != null) {
			return choices.get(0);
		}
		err.println(journeyFile + (choices.isEmpty()
				? ": no send chooses an offer" + (modelName == null ? "" : " by model " + modelName)
						+ "; write one, e.g. send email \"offer\" with coupon = best of OfferValue among \"SAVE5\", \"SAVE10\""
				: ": sends choose offers by " + choices.stream().map(Action.OfferChoice::model).toList() + "; say which with --model"));
		return null;
	}

	/** The largest gap between the written file, scored by the engine's own scorer, and the fit. */
	private static double checkExport(Path file, Model model, List<OfferRows.Row> rows, InputScaling scaling,
			List<RidgeRegression> fits) throws ModelLoadException {
		float[][] inputs = rows.stream().map(OfferRows.Row::inputs).toArray(float[][]::new);
		Map<String, ModelSpec> specs = new LinkedHashMap<>();
		for (int o = 0; o < fits.size(); o++) {
			specs.put("offer" + o, new ModelSpec("offer" + o, file.toAbsolutePath(), model.inputs(), model.output(), OptionalInt.of(o),
					DeviceChoice.CPU));
		}
		double gap = 0;
		try (OnnxScorer scorer = OnnxScorer.forModels(specs, file.toAbsolutePath().getParent(), ScorerOptions.defaults())) {
			for (int o = 0; o < fits.size(); o++) {
				float[] scored = scorer.score("offer" + o, inputs);
				for (int r = 0; r < inputs.length; r++) {
					gap = Math.max(gap, Math.abs(scored[r] - fits.get(o).predict(scaling.apply(inputs[r]))));
				}
			}
		}
		return gap;
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}
}
