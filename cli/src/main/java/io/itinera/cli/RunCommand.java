package io.itinera.cli;

import io.itinera.runtime.change.PlanChange;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.EngineException;
import io.itinera.runtime.engine.EngineSummary;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.plan.Stage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera run FILE --events LOG}: the journey over an event log, resumable. */
@Command(name = "run", description = {
		"Run a journey for every customer over an event log. Actions, stage changes and dead letters go",
		"to JSON Lines files in --out; state is kept in --state, so stopping and running the same command",
		"again continues where it stopped, without losing or repeating anything. With --kafka it reads",
		"the events live from a Kafka topic instead, until Ctrl-C." })
public final class RunCommand implements Callable<Integer> {
	enum Clock {
		EVENT, WALL
	}

	@Parameters(index = "0", paramLabel = "FILE", description = "the .journey file (or a plan.json from itinera compile)")
	Path journey;

	@Option(names = "--events", paramLabel = "LOG", description = "the event log (CSV or JSON Lines)")
	Path events;

	@Mixin
	KafkaOptions kafka = new KafkaOptions();

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
			"event: replay in event time; each customer's timers fire as their own later events, or the end",
			"of the log, pass them (default);",
			"wall: live, timers fire by the system clock" })
	Clock clock;

	@Option(names = "--checkpoint-ms", defaultValue = "10000", description = {
			"least time between checkpoints, in ms; a stopped or killed run redoes at most this much (default: ${DEFAULT-VALUE})" })
	long checkpointMillis;

	@Option(names = "--customers-in-memory", paramLabel = "N", description = {
			"customers each worker keeps in memory; beyond that, unchanged ones are let go after a checkpoint",
			"and read back from the state when they come again (default: from the heap size)" })
	Integer customersInMemory;

	@Mixin
	DriverOptions driverOptions = new DriverOptions();

	@Option(names = "--allow-raw-drl", description = "run the raw drl blocks of campaigns (they run arbitrary code: only for journeys you trust)")
	boolean allowRawDrl;

	@Mixin
	DeliveryOptions delivery = new DeliveryOptions();

	@Option(names = "--deliver", paramLabel = "FILE", description = {
			"also deliver the actions to the channels' endpoints in FILE (JSON or YAML, as for serve; see",
			"docs/serve.md), with retries and a delivery ledger in --state: a run again never re-sends" })
	Path deliver;

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
			kafka.validate(events, input);
			if (!kafka.used() && EventInputOptions.whyNotALog(events) != null) {
				err.println(EventInputOptions.whyNotALog(events));
				return 2;
			}
			EngineConfig config = config(plan);
			try (JourneyParts parts = JourneyParts.of(plan, journey, allowRawDrl, withoutModels, delivery.settings(), err)) {
				if (parts == null) {
					return 1;
				}
				Path stateDirectory = state != null ? state : out.resolve("state");
				EngineSummary summary = run(parts, config, stateDirectory, err);
				printSummary(outText, plan, summary, inMemory ? null : stateDirectory);
				return kafka.used() ? 0 : BadLines.check(input, err);
			}
		} catch (IllegalArgumentException | IllegalStateException | EngineException e) {
			err.println(e.getMessage());
			return 2;
		} finally {
			err.flush();
			outText.flush();
		}
	}

	private EngineConfig config(JourneyPlan plan) {
		EngineConfig config = EngineConfig.defaults();
		if (workers != null) {
			config = config.withWorkers(workers);
		}
		int inMemory = customersInMemory != null ? customersInMemory
				: (int) Math.max(10_000, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_CUSTOMER_IN_MEMORY / config.workers());
		if (kafka.used()) {
			config = config.withFlushEveryMillis(kafka.flushMillis);
		}
		return config.withCheckpointEveryMillis(checkpointMillis)
				.withDriver(driverOptions.settings().withWallClock(clock == Clock.WALL).withCustomersInMemory(inMemory))
				.withBarrierEveryLines(barrierLines)
				.withRunName(plan.name() + " over " + (kafka.used() ? kafka.inputName() : events.getFileName()))
				.withPlanJson(PlanJson.write(plan));
	}

	/** A generous estimate of a customer's heap in a worker (state, features, slot, map entry). */
	private static final long BYTES_PER_CUSTOMER_IN_MEMORY = 2_048;

	private EngineSummary run(JourneyParts parts, EngineConfig config, Path stateDirectory, PrintWriter err) throws IOException {
		if (deliver != null && inMemory) {
			throw new IllegalArgumentException("--deliver needs a state directory for its ledger: drop --in-memory");
		}
		EventSchema schema = EventSchema.of(parts.plan());
		try (EventSource source = kafka.used() ? kafka.open(input, schema) : input.open(events, schema);
				CustomerStateStore store = inMemory ? new InMemoryStateStore() : new RocksDbStateStore(stateDirectory);
				ReplayDelivery delivery = deliver == null ? null : ReplayDelivery.open(deliver, stateDirectory, out);
				RunOutput output = kafka.output(delivery == null ? new JsonLinesOutput(out) : delivery.output(new JsonLinesOutput(out)),
						stateDirectory, config.runName(), config.checkpointEveryMillis())) {
			refuseAChangedJourney(store, parts.plan(), config, stateDirectory);
			LocalEngine engine = new LocalEngine(parts::newStep, parts.scorer(), store, output, config);
			boolean showProgress = progress != null ? progress : System.console() != null && !kafka.used();
			ProgressBar bar = showProgress ? new ProgressBar(System.err, source.size(), engine::position, engine::linesRead) : null;
			String unit = kafka.used() ? "record" : "line";
			StopOnSignal stop = StopOnSignal.install(engine::stop, () -> String.format(Locale.ROOT, "Stopped after %s %,d%s",
					unit, engine.linesRead(), inMemory ? " (state was in memory only: a new run starts over)."
							: "; run the same command to continue."));
			try {
				EngineSummary summary = engine.run(source);
				if (delivery != null) {
					deliveryNote = delivery.finish();
				}
				return summary;
			} finally {
				stop.done();
				if (bar != null) {
					bar.close();
				}
			}
		}
	}

	/** Changes listed when a resumed run's journey changed; the rest are counted. */
	private static final int CHANGES_LISTED = 10;

	/**
	 * A state holds customers of the version of the journey it was written with: resuming it with
	 * another version would run them under rules they were not laid out for. Locations and comments
	 * are not changes ({@link PlanDiff}).
	 */
	private void refuseAChangedJourney(CustomerStateStore store, JourneyPlan plan, EngineConfig config, Path stateDirectory) {
		RunProgress progress = store.progress().orElse(null);
		Optional<String> saved = store.planJson();
		if (progress == null || !progress.run().equals(config.runName()) || saved.isEmpty()) {
			return;
		}
		JourneyPlan savedPlan;
		try {
			savedPlan = PlanJson.read(saved.get());
		} catch (PlanJson.PlanFormatException e) {
			throw new IllegalStateException("the plan saved in " + stateDirectory + " cannot be read (" + e.getMessage()
					+ "); give this run another --state directory to start over");
		}
		// A migrate block speaks of the version before it: once applied, the state's plan carries the same block.
		boolean sameMigration = migrationText(savedPlan).equals(migrationText(plan));
		List<PlanChange> changes = sameMigration ? PlanDiff.between(savedPlan.withoutMigration(), plan.withoutMigration())
				: PlanDiff.between(savedPlan, plan);
		if (changes.isEmpty()) {
			return;
		}
		StringBuilder message = new StringBuilder();
		message.append(journey).append(" has changed since the run in ").append(stateDirectory).append(" started (")
				.append(changes.size()).append(changes.size() == 1 ? " change" : " changes")
				.append("); its customers are laid out for the old version:\n");
		for (PlanChange change : changes.subList(0, Math.min(CHANGES_LISTED, changes.size()))) {
			message.append("  ").append(change.description()).append("\n      ").append(change.where()).append("\n");
		}
		if (changes.size() > CHANGES_LISTED) {
			message.append("  … and ").append(changes.size() - CHANGES_LISTED).append(" more\n");
		}
		message.append("To go on with the new version, see what it does to the customers already in:\n")
				.append("  itinera migrate --state ").append(stateDirectory).append(" --dry-run ").append(journey).append("\n")
				.append("then apply it and run this command again:\n")
				.append("  itinera migrate --state ").append(stateDirectory).append(" ").append(journey).append("\n")
				.append("or give this run another --state directory to start over.");
		throw new IllegalArgumentException(message.toString());
	}

	/** A migrate block as written, without its locations. */
	private static String migrationText(JourneyPlan plan) {
		if (plan.migration() == null) {
			return "";
		}
		StringBuilder text = new StringBuilder(plan.migration().timers().keyword());
		plan.migration().stages().forEach(mapping -> text.append(';').append(mapping.from()).append("->").append(mapping.to()));
		return text.toString();
	}

	/** How delivery went ({@code --deliver}), for the summary. */
	private String deliveryNote;

	private void printSummary(PrintWriter text, JourneyPlan plan, EngineSummary summary, Path stateDirectory) {
		if (summary.stopped()) {
			text.printf("Stopped after %s %,d; run the same command to continue.%n", kafka.used() ? "record" : "line",
					summary.linesRead());
		}
		if (summary.resumed()) {
			text.printf("Resumed after line %,d (state in %s).%n", summary.resumedAfterLine(), stateDirectory);
		}
		text.printf("Journey %s over %s%n", plan.name(), kafka.used() ? kafka.inputName() : events);
		text.printf("  events read    %,d of %,d lines (%,d skipped by the mapping)%n", summary.eventsRead(), summary.linesRead(),
				summary.skipped());
		text.printf("  dead letters   %,d%s%n", summary.deadLetters(),
				summary.deadLetters() > 0 ? " -> " + out.resolve(JsonLinesOutput.DEAD_LETTERS) : "");
		if (summary.outOfOrderEvents() > 0 || summary.lateEvents() > 0) {
			text.printf("  out of order   %,d put back in order, %,d late (dead letters; --lateness %s)%n",
					summary.outOfOrderEvents(), summary.lateEvents(), driverOptions.lateness);
		}
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
		if (deliveryNote != null) {
			text.printf("  deliveries     %s%n", deliveryNote);
		}
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
