package io.itinera.cli.train;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.journey.JourneyDiagnostic;
import io.itinera.cli.journey.JourneyLoader;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.validation.JourneyIssueCodes;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.scoring.DeviceChoice;
import io.itinera.runtime.scoring.ModelLoadException;
import io.itinera.runtime.scoring.ModelSpec;
import io.itinera.runtime.scoring.OnnxScorer;
import io.itinera.runtime.scoring.ScorerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** What a train subcommand starts from: the journey's plan (its model files may not exist yet) and the log read with it. */
record TrainingInputs(JourneyPlan plan, EventHistory history) {
	private static final Set<String> MODEL_FILE_CODES = Set.of(JourneyIssueCodes.MODEL_FILE_MISSING,
			JourneyIssueCodes.MODEL_FILE_CORRUPT, JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH);

	/** The plan and the log, or null after telling {@code err} what to fix. */
	static TrainingInputs load(Path journeyFile, LogOptions log, PrintWriter err) throws IOException {
		JourneyPlan plan = plan(journeyFile, err);
		if (plan == null) {
			return null;
		}
		EventHistory history;
		try {
			history = log.read(EventSchema.of(plan));
		} catch (IllegalArgumentException e) { // a missing log, a wrong --map: a wrong input, exit 2 as in every command
			throw CommandError.error(e.getMessage());
		}
		if (history.unreadable() > 0) {
			err.println("note: skipped " + history.unreadable() + " lines of " + log.events
					+ " (events the journey does not declare, or lines that cannot be read).");
		}
		if (history.byCustomer().isEmpty()) {
			err.println(log.events + ": no events the journey declares; check --map (event=NAME for a log of one kind of event).");
			return null;
		}
		return new TrainingInputs(plan, history);
	}

	/**
	 * The journey's plan, its model files' own problems aside (training writes them), or null after
	 * telling {@code err} what to fix.
	 */
	static JourneyPlan plan(Path journeyFile, PrintWriter err) throws IOException {
		if (!Files.isRegularFile(journeyFile)) {
			throw CommandError.error(journeyFile + ": no such file; give the .journey file that declares the model.");
		}
		JourneyLoader.LoadedJourney loaded = new JourneyLoader().load(journeyFile);
		List<JourneyDiagnostic> errors = loaded.diagnostics().stream()
				.filter(d -> d.error() && !MODEL_FILE_CODES.contains(d.code())).toList();
		if (loaded.journey() == null || !errors.isEmpty()) {
			errors.forEach(d -> err.println(d.format()));
			err.println(journeyFile + ": fix the errors above, then train again.");
			return null;
		}
		return new JourneyCompiler().compile(loaded.journey());
	}

	/** Where a trained model is written: {@code output} where given, else the path the journey declares (from its folder). */
	static Path modelFile(Path journeyFile, Model model, Path output) {
		return output != null ? output : journeyFile.toAbsolutePath().getParent().resolve(model.path()).normalize();
	}

	/** Scores {@code rows} with one output of a written file through the engine's own scorer (DJL, ONNX Runtime). */
	static float[] score(Path file, List<String> inputs, String output, float[][] rows) throws ModelLoadException {
		ModelSpec spec = new ModelSpec("exported", file.toAbsolutePath(), inputs, output, OptionalInt.empty(),
				DeviceChoice.CPU);
		try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("exported", spec), file.toAbsolutePath().getParent(),
				ScorerOptions.defaults())) {
			return scorer.score("exported", rows);
		}
	}
}
