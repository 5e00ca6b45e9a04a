package io.itinera.cli;

import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.EngineException;
import io.itinera.runtime.engine.EngineSummary;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.engine.TimeMode;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.step.PlanStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera run FILE --events LOG}: the journey over an event log, resumable. */
@Command(name = "run", description = {
		"Run a journey for every customer over an event log. Actions, stage changes and dead letters go",
		"to JSON Lines files in --out; state is kept in --state, so stopping and running the same command",
		"again continues where it stopped, without losing or repeating anything." })
public final class RunCommand implements Callable<Integer> {
	enum Clock {
		EVENT, WALL
	}

	@Parameters(index = "0", paramLabel = "FILE", description = "the .journey file (or a plan.json from itinera compile)")
	Path journey;

	@Option(names = "--events", required = true, paramLabel = "LOG", description = "the event log (CSV or JSON Lines)")
	Path events;

	@Mixin
	EventInputOptions input = new EventInputOptions();

	@Option(names = "--out", defaultValue = "out", paramLabel = "DIR", description = "where output files go (default: ${DEFAULT-VALUE})")
	Path out;

	@Option(names = "--state", paramLabel = "DIR", description = "RocksDB state directory (default: OUT/state)")
	Path state;

	@Option(names = "--in-memory", description = "keep state in memory only: no resume after a stop")
	boolean inMemory;

	@Option(names = "--workers", description = "worker threads (default: the number of cores)")
	Integer workers;

	@Option(names = "--clock", defaultValue = "event", description = {
			"event: replay in event time, timers fire as the log's time passes them (default);",
			"wall: live, timers fire by the system clock" })
	Clock clock;

	@Option(names = "--checkpoint-ms", defaultValue = "2000", description = "least time between checkpoints (default: ${DEFAULT-VALUE})")
	long checkpointMillis;

	@Option(names = "--score-batch", defaultValue = "256", description = "most rows per scoring call (default: ${DEFAULT-VALUE})")
	int scoreBatch;

	@Option(names = "--score-wait-us", defaultValue = "2000", description = "longest wait to fill a scoring batch, µs (default: ${DEFAULT-VALUE})")
	long scoreWaitMicros;

	@Option(names = "--score-slice-ms", defaultValue = "60000", description = {
			"on replay, scores asked for within one slice of event time are answered at its end",
			"(default: ${DEFAULT-VALUE})" })
	long scoreSliceMillis;

	@Option(names = "--allow-raw-drl", description = "run the raw drl blocks of campaigns (they run arbitrary code: only for journeys you trust)")
	boolean allowRawDrl;

	@Mixin
	DeliveryOptions delivery = new DeliveryOptions();

	@Option(names = "--barrier-lines", defaultValue = "50000", hidden = true,
			description = "output is ordered, and may be checkpointed, every this many lines")
	long barrierLines;

	@Option(names = "--without-models", description = "run a journey with models although no scorer is present: scores stay unknown")
	boolean withoutModels;

	@Option(names = "--progress", negatable = true, description = "show a progress bar on standard error (default: when it is a terminal)")
	Boolean progress;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter outText = spec.commandLine().getOut();
		try {
			JourneyPlan plan = JourneyPlans.load(journey, err);
			if (plan == null) {
				return 1;
			}
			if (EventInputOptions.whyNotALog(events) != null) {
				err.println(EventInputOptions.whyNotALog(events));
				return 2;
			}
			Scorer scorer = withoutModels ? EngineParts.noScores() : EngineParts.scorer(plan, journeyDirectory());
			if (scorer == null) {
				err.println(journey + ": the journey scores with models (" + EngineParts.modelNames(plan)
						+ ") but no scorer is on the class path; add the ONNX scorer, or run with --without-models.");
				return 2;
			}
			String forbidden = RawDrlPolicy.refusal(plan, allowRawDrl);
			if (forbidden != null) {
				err.println(forbidden);
				return 1;
			}
			DeliverySettings deliverySettings = delivery.settings();
			CampaignRules rules = EngineParts.rules(plan);
			if (rules == null) {
				err.println("note: no rules engine is on the class path, so the campaigns of " + plan.name() + " send nothing.");
				rules = CampaignRules.NONE;
			}
			CampaignRules campaignRules = rules;
			EngineConfig config = EngineConfig.defaults()
					.withTimeMode(clock == Clock.WALL ? TimeMode.WALL_CLOCK : TimeMode.EVENT_TIME)
					.withCheckpointEveryMillis(checkpointMillis)
					.withScoring(scoreBatch, scoreWaitMicros, scoreSliceMillis)
					.withBarrierEveryLines(barrierLines)
					.withRunName(plan.name() + " over " + events.getFileName());
			if (workers != null) {
				config = config.withWorkers(workers);
			}
			Path stateDirectory = state != null ? state : out.resolve("state");
			EngineSummary summary;
			try (EventLogSource source = input.open(events, EventSchema.of(plan));
					CustomerStateStore store = inMemory ? new InMemoryStateStore() : new RocksDbStateStore(stateDirectory);
					JsonLinesOutput output = new JsonLinesOutput(out);
					Scorer closingScorer = scorer) {
				LocalEngine engine = new LocalEngine(() -> new PlanStep(plan, campaignRules, deliverySettings), closingScorer, store, output, config);
				boolean showProgress = progress != null ? progress : System.console() != null;
				ProgressBar bar = showProgress ? new ProgressBar(System.err, source.size(), engine::position, engine::linesRead) : null;
				try {
					summary = engine.run(source);
				} finally {
					if (bar != null) {
						bar.close();
					}
				}
			}
			printSummary(outText, plan, summary, inMemory ? null : stateDirectory);
			return BadLines.check(input, err);
		} catch (IllegalArgumentException | IllegalStateException | EngineException e) {
			err.println(e.getMessage());
			return 2;
		} finally {
			err.flush();
			outText.flush();
		}
	}

	private Path journeyDirectory() {
		Path parent = journey.toAbsolutePath().getParent();
		return parent == null ? Path.of(".") : parent;
	}

	private void printSummary(PrintWriter text, JourneyPlan plan, EngineSummary summary, Path stateDirectory) {
		if (summary.resumed()) {
			text.printf("Resumed after line %,d (state in %s).%n", summary.resumedAfterLine(), stateDirectory);
		}
		text.printf("Journey %s over %s%n", plan.name(), events);
		text.printf("  events read    %,d of %,d lines (%,d skipped by the mapping)%n", summary.eventsRead(), summary.linesRead(),
				summary.skipped());
		text.printf("  dead letters   %,d%s%n", summary.deadLetters(),
				summary.deadLetters() > 0 ? " -> " + out.resolve(JsonLinesOutput.DEAD_LETTERS) : "");
		text.printf("  customers      %,d%n", summary.customers());
		long inStages = 0;
		text.println("  stages");
		for (Map.Entry<String, Long> stage : orderedStageCounts(plan, summary).entrySet()) {
			text.printf("    %-20s %,d%n", stage.getKey(), stage.getValue());
			inStages += stage.getValue();
		}
		text.printf("    %-20s %,d%n", "(not in the journey)", summary.customers() - inStages);
		text.printf("  actions        %,d -> %s%n", summary.actions(), out.resolve(JsonLinesOutput.ACTIONS));
		text.printf("  stage changes  %,d -> %s%n", summary.stageChanges(), out.resolve(JsonLinesOutput.STAGE_CHANGES));
		text.printf("  timers pending %,d%n", summary.pendingTimers());
		if (summary.rowsScored() > 0) {
			text.printf("  scored         %,d rows in %,d batches%n", summary.rowsScored(), summary.scoreBatches());
		}
		text.printf("  speed          %,.0f events/s (%,d events in %.2f s)%n", summary.eventsPerSecond(), summary.eventsThisRun(),
				summary.elapsedNanos() / 1e9);
	}

	private static Map<String, Long> orderedStageCounts(JourneyPlan plan, EngineSummary summary) {
		Map<String, Long> ordered = new LinkedHashMap<>();
		for (Stage stage : plan.stages()) {
			ordered.put(stage.name(), summary.stageCounts().getOrDefault(stage.name(), 0L));
		}
		summary.stageCounts().forEach(ordered::putIfAbsent);
		return ordered;
	}
}
