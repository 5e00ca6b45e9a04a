package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.PinnedJourney;
import io.itinera.runtime.assembly.PinnedWorkspace;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.EngineSummary;
import io.itinera.report.EndOfData;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.io.WorkspaceSchema;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.driver.SplitWeightsLog;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.replay.FileReplay;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.state.RocksDbLibrary;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.scoring.Scorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
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

	@Parameters(index = "0", paramLabel = "FILE|DIR", description = {"the .journey file (or a plan.json from itinera compile),",
			"or a workspace folder: every journey in it over one stream, with its itinera.workspace (docs/workspaces.md)" })
	Path journey;

	@Mixin
	EventInputOptions input = new EventInputOptions();

	@Mixin
	KafkaOptions kafka = new KafkaOptions();

	@Mixin
	FlushOption flush = new FlushOption();

	@Mixin
	OutputFolderOption output = new OutputFolderOption("out");

	@Mixin
	ReplayEndOption replayEnd = new ReplayEndOption();

	/** Shared options this command reads in many places, read once when it starts. */
	private Path events;
	private Path out;
	private boolean allowRawDrl;
	private boolean withoutModels;

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

	@Mixin
	RawDrlOption rawDrl = new RawDrlOption();

	@Mixin
	DeliveryOptions delivery = new DeliveryOptions();

	@Mixin
	DeliverOption deliver = new DeliverOption();

	@Option(names = "--barrier-lines", defaultValue = "50000", hidden = true,
			description = "output is ordered, and may be checkpointed, every this many lines")
	long barrierLines;

	@Option(names = "--migrate", description = {
			"when the journey (or a journey of the workspace) changed since the run in --state started: first move its customers to this",
			"version by its migrate rules, as itinera migrate does (one atomic write), then run" })
	boolean migrate;

	@Option(names = "--pin-old", description = {
			"when the journey (or a journey of the workspace) changed since the run in --state started: customers already on their way",
			"finish on the version they started on, new entries take this one; both run side by side" })
	boolean pinOld;

	@Mixin
	WithoutModelsOption withoutModelsOption = new WithoutModelsOption();

	@Mixin
	ProgressOption progress = new ProgressOption();

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter outText = spec.commandLine().getOut();
		events = input.events();
		out = output.folder;
		allowRawDrl = rawDrl.allowed;
		withoutModels = withoutModelsOption.set;
		try {
			if (Files.isDirectory(journey)) {
				return runWorkspace(err, outText);
			}
			JourneyPlan plan = JourneyPlans.load(journey, err);
			if (plan == null) {
				return ExitCode.FAILED.code();
			}
			validateInput();
			// the plan's JSON (for the state) is written while the rules build: both take a tenth of a start
			CompletableFuture<String> planJson = CompletableFuture.supplyAsync(() -> PlanJson.write(plan));
			EngineConfig checked = config(plan.name(), null);
			startOpening(EventSchema.of(plan), checked, List.of(plan));
			try (AssembledJourney parts = AssemblyAdapter.journey(plan, journey, assemblyOptions(err), err)) {
				if (parts == null) {
					return ExitCode.FAILED.code();
				}
				EngineConfig config = checked.withPlanJson(joined(planJson));
				epochs = learningSplits(Map.of(plan, parts.splitWeights()));
				Path stateDirectory = state != null ? state : out.resolve("state");
				EngineSummary summary = run(EventSchema.of(plan), store -> versionsFor(store, parts, config, stateDirectory, err),
						parts.scorer(), config, stateDirectory);
				printSummary(outText, "Journey " + plan.name(), orderedStageCounts(stageNames(plan), summary), summary,
						inMemory ? null : stateDirectory);
				if (epochs != null) {
					epochs.summary().forEach(outText::println);
				}
				return kafka.used() ? ExitCode.OK.code() : BadLines.check(input, err);
			}
		} finally {
			if (opening != null) {
				opening.discard();
			}
			err.flush();
			outText.flush();
			if (stopOnSignal != null) {
				stopOnSignal.done();
			}
		}
	}

	/** Holds the JVM on Ctrl-C or SIGTERM until the summary, which says where the run stopped, is out. */
	private StopOnSignal stopOnSignal;

	/** Every journey of a folder over one stream (a workspace). */
	private int runWorkspace(PrintWriter err, PrintWriter outText) throws IOException {
		String name = "workspace " + journey.toAbsolutePath().normalize().getFileName();
		try (AssembledWorkspace workspace = AssemblyAdapter.workspace(journey, assemblyOptions(err), err, plans -> {
			validateInput();
			startOpening(WorkspaceSchema.of(plans), config(name, null), plans);
		})) {
			if (workspace == null) {
				return ExitCode.FAILED.code();
			}
			epochs = learningSplits(workspace.splitBoards());
			EngineConfig config = config(name, workspace.planJson());
			Path stateDirectory = state != null ? state : out.resolve("state");
			ChangedJourney.Answer answer = answer();
			EngineSummary summary = run(workspace.schema(), store -> {
				new ChangedJourney(journey, stateDirectory, err).adoptInWorkspace(store, workspace, config, answer);
				PinnedWorkspace steps = RuntimeAssembly.pinned(workspace,
						store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE), assemblyOptions(err));
				steps.describe().forEach(line -> err.println("note: " + line + "; actions and stage changes say their version."));
				return RunSteps.closing(steps);
			}, workspace.scorer(), config, stateDirectory);
			printSummary(outText, "Workspace " + journey + " (" + String.join(", ", workspace.newStep().journeyNames()) + ")",
					orderedStageCounts(workspace.stageKeys(), summary), summary, inMemory ? null : stateDirectory);
			if (epochs != null) {
				epochs.summary().forEach(outText::println);
			}
			return kafka.used() ? ExitCode.OK.code() : BadLines.check(input, err);
		}
	}

	/** The events as given: a readable log, or a topic; --to only with a log replayed in event time. */
	private void validateInput() {
		kafka.validate(events, input);
		if (!kafka.used() && EventInputOptions.whyNotALog(events) != null) {
			throw CommandError.error(EventInputOptions.whyNotALog(events));
		}
		if (replayEnd.text != null && (kafka.used() || clock == Clock.WALL)) {
			throw CommandError.error("--to ends a replay of a log in event time; it does not go with "
					+ (kafka.used() ? "--kafka" : "--clock wall") + ".");
		}
	}

	private EngineConfig config(String name, String planJson) {
		EngineConfig config = EngineConfig.defaults();
		if (workers != null) {
			config = config.withWorkers(workers);
		}
		int inMemory = customersInMemory != null ? customersInMemory
				: (int) Math.max(10_000, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_CUSTOMER_IN_MEMORY / config.workers());
		if (kafka.used()) {
			config = config.withFlushEveryMillis(flush.checked());
		}
		return config.withCheckpointEveryMillis(checkpointMillis)
				.withDriver(driverOptions.settings().withWallClock(clock == Clock.WALL).withCustomersInMemory(inMemory))
				.withBarrierEveryLines(barrierLines)
				.withReplayEnd(replayEnd.millis())
				.withRunName(name + " over " + (kafka.used() ? kafka.inputName() : events.getFileName()))
				.withPlanJson(planJson);
	}

	private static String joined(CompletableFuture<String> planJson) {
		try {
			return planJson.join();
		} catch (CompletionException e) {
			throw e.getCause() instanceof RuntimeException cause ? cause : e;
		}
	}

	private AssemblyOptions assemblyOptions(PrintWriter err) {
		return AssemblyAdapter.options(allowRawDrl, withoutModels, delivery.settings(), err);
	}

	/** A generous estimate of a customer's heap in a worker (state, features, slot, map entry). */
	private static final long BYTES_PER_CUSTOMER_IN_MEMORY = 2_048;

	/**
	 * Settles a changed journey against the state ({@link ChangedJourney}: refuse, {@code --migrate} or
	 * {@code --pin-old}) and gives the versions its customers step on.
	 */
	private RunSteps versionsFor(CustomerStateStore store, AssembledJourney parts, EngineConfig config, Path stateDirectory,
			PrintWriter err) {
		new ChangedJourney(journey, stateDirectory, err).adopt(store, parts, config, answer());
		PinnedJourney versions = RuntimeAssembly.pinned(parts, config.planJson(),
				store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE), assemblyOptions(err));
		if (versions.running() > 1) {
			err.println("note: " + versions.describe() + "; actions and stage changes say their version.");
		}
		return RunSteps.closing(versions);
	}

	/** What to do with the customers of a changed journey: {@code --migrate}, {@code --pin-old}, or refuse. */
	private ChangedJourney.Answer answer() {
		if (migrate && pinOld) {
			throw new IllegalArgumentException("--migrate and --pin-old are two answers to one question: give one of them");
		}
		return migrate ? ChangedJourney.Answer.MIGRATE : pinOld ? ChangedJourney.Answer.PIN_OLD : ChangedJourney.Answer.REFUSE;
	}

	/** Events dropped because their customer was erased ({@code itinera forget}), this run. */
	private long erasedEventsDropped;

	private EngineSummary run(EventSchema schema, Function<CustomerStateStore, RunSteps> stepsForState, Scorer scorer,
			EngineConfig config, Path stateDirectory) throws IOException {
		if (deliver.file != null && inMemory) {
			throw new IllegalArgumentException("--deliver needs a state directory for its ledger: drop --in-memory");
		}
		replay = kafka.used() ? null : openedLog();
		try (EventSource source = kafka.used() ? kafka.open(input, schema).inEventTimeOrder(epochs != null) : replay;
				CustomerStateStore store = inMemory ? new InMemoryStateStore() : new RocksDbStateStore(stateDirectory);
				ReplayDelivery delivery = deliver.file == null ? null : ReplayDelivery.open(deliver.file, stateDirectory, out);
				RunOutput output = kafka.output(delivery == null ? new JsonLinesOutput(out) : delivery.output(new JsonLinesOutput(out)),
						stateDirectory, config.runName(), config.checkpointEveryMillis())) {
			RunSteps steps = stepsForState.apply(store);
			if (!kafka.used()) {
				keepRunInputs(store);
			}
			LocalEngine engine = new LocalEngine(steps::newStep, scorer, store, output, config).learningSplits(epochs);
			boolean showProgress = progress.show(!kafka.used());
			ProgressBar bar = showProgress ? new ProgressBar(System.err, source.size(), engine::position, engine::linesRead) : null;
			stopOnSignal = StopOnSignal.install(engine::stop, () -> null);
			SplitWeightsLog weightLines = splitWeightLines;
			try (steps; weightLines) {
				EngineSummary summary = engine.run(source);
				erasedEventsDropped = store.erasedCustomers().droppedEvents();
				if (delivery != null) {
					deliveryNote = delivery.finish();
				}
				return summary;
			} finally {
				if (bar != null) {
					bar.close();
				}
			}
		}
	}

	/** The log's first pass ({@link FileReplay}) while the journey assembles; null with --kafka or once the run took it. */
	private LogOpening<FileReplay> opening;

	/**
	 * Starts reading the log on a thread of its own (a first pass over the whole file), once what reading it
	 * needs is known: the events the journeys declare, the lateness, and whether one learns its winner
	 * (a learning split reads the log in time order).
	 */
	private void startOpening(EventSchema schema, EngineConfig config, List<JourneyPlan> plans) {
		if (kafka.used()) {
			return;
		}
		long latenessMillis = config.driver().latenessMillis();
		boolean endAtTheLog = replayEnd.millis() == null;
		boolean inTimeOrder = SplitEpochs.learns(plans);
		input.startedAt(); // the run's time window starts now, on this thread
		if (!inMemory) {
			RocksDbLibrary.loadInBackground();
		}
		opening = LogOpening.start(() -> input.openReplay(events, schema, latenessMillis, endAtTheLog,
				EventInputOptions.sortFolder(out), inTimeOrder));
	}

	/** The log opened by {@link #startOpening}: what opening it threw is thrown here. */
	private FileReplay openedLog() throws IOException {
		LogOpening<FileReplay> taken = opening;
		opening = null;
		return taken.get();
	}

	/**
	 * Saves what the run reads and how, for explain; a run resumed from its state must end its replay
	 * where it started to ({@code --to}), or the events it left out would be lost.
	 */
	private void keepRunInputs(CustomerStateStore store) {
		java.util.Optional<String> saved = store.runInputs();
		if (saved.isEmpty()) {
			store.saveRunInputs(RunInputs.of("run", journey, events, input, driverOptions, this.delivery, allowRawDrl,
					withoutModels, null, replayEnd.text, null).toJson());
			return;
		}
		String savedEnd = RunInputs.fromJson(saved.get(), "the state").to();
		Long savedMillis = TimeOption.millis("--to", savedEnd);
		if (!java.util.Objects.equals(savedMillis, replayEnd.millis())) {
			throw CommandError.error("the run in its state " + (savedEnd == null ? "replays to the log's end" : "ends its replay at --to " + savedEnd)
					+ "; give " + (savedEnd == null ? "no --to" : "--to " + savedEnd) + " to go on with it, or another --state to replay to "
					+ (replayEnd.text == null ? "the log's end" : replayEnd.text) + ".");
		}
	}

	/** The journey's learning splits ({@code auto winner by goal}): null without any. */
	private SplitEpochs epochs;
	/** Where their weights go as the epochs come: {@value SplitEpochs#FILE} of the output folder. */
	private SplitWeightsLog splitWeightLines;

	/** The learning splits of the journeys ({@code boards}: each one's board), null without any. */
	private SplitEpochs learningSplits(Map<JourneyPlan, SplitWeights.Board> boards) {
		splitWeightLines = new SplitWeightsLog(out.resolve(SplitEpochs.FILE));
		SplitEpochs found = SplitEpochs.of(boards, splitWeightLines);
		if (found == null) {
			splitWeightLines = null;
		}
		return found;
	}

	/** How the log file was read (order, end), for the summary; null for Kafka. */
	private FileReplay replay;

	/** How delivery went ({@code --deliver}), for the summary. */
	private String deliveryNote;

	/** What a run's position counts: a topic's records or a sorted log's, else the file's lines. */
	private String positionUnit() {
		return kafka.used() || replay != null && replay.sorted() ? "record" : "line";
	}

	private void printSummary(PrintWriter text, String what, Map<String, Long> stageCounts, EngineSummary summary,
			Path stateDirectory) {
		if (summary.stopped()) {
			text.printf("Stopped after %s %,d%s%n", positionUnit(), summary.lastLine(),
					stateDirectory == null ? " (state was in memory only: a new run starts over)."
							: "; run the same command to continue.");
		}
		if (summary.resumed()) {
			text.printf("Resumed after %s %,d (state in %s).%n", positionUnit(),
					summary.resumedAfterLine(), stateDirectory);
		}
		text.printf("%s over %s%n", what, kafka.used() ? kafka.inputName() : events);
		long joined = input.opened == null ? 0 : input.opened.joinedLines();
		text.printf("  events read    %,d of %,d lines (%,d skipped by the mapping%s%s)%n", summary.eventsRead(), summary.linesRead(),
				summary.skipped() - joined, replayEnd.text == null ? "" : " or at or after --to " + replayEnd.text,
				joined > 0 ? String.format(", %,d joined into groups", joined) : "");
		text.printf("  dead letters   %,d%s%n", summary.deadLetters(),
				summary.deadLetters() > 0 ? " -> " + out.resolve(JsonLinesOutput.DEAD_LETTERS) : "");
		if (summary.outOfOrderEvents() > 0 || summary.lateEvents() > 0) {
			text.printf("  out of order   %,d put back in order, %,d late (dead letters; --lateness %s)%n",
					summary.outOfOrderEvents(), summary.lateEvents(), driverOptions.lateness);
		}
		if (erasedEventsDropped > 0) {
			text.printf("  erased         %,d events of erased customers dropped (itinera forget)%n", erasedEventsDropped);
		}
		if (replay != null && replay.orderNote() != null) {
			text.printf("  log order      %s%n", replay.orderNote());
		}
		if (replay != null && !summary.stopped()) {
			text.printf("  replay end     %s%n", replayEnd.note(replay));
		}
		text.printf("  customers      %,d%n", summary.customers());
		long inStages = 0;
		text.println("  stages");
		int width = Math.max(20, stageCounts.keySet().stream().mapToInt(String::length).max().orElse(0));
		for (Map.Entry<String, Long> stage : stageCounts.entrySet()) {
			text.printf("    %-" + width + "s %,d%n", stage.getKey(), stage.getValue());
			inStages += stage.getValue();
		}
		if (stageCounts.keySet().stream().noneMatch(key -> key.contains("/"))) { // in a workspace, a customer is in many
			text.printf("    %-20s %,d%n", "(not in the journey)", summary.customers() - inStages);
		}
		text.printf("  actions        %,d -> %s%n", summary.actions(), out.resolve(JsonLinesOutput.ACTIONS));
		text.printf("  stage changes  %,d -> %s%n", summary.stageChanges(), out.resolve(JsonLinesOutput.STAGE_CHANGES));
		text.printf("  data ends      %s%n", summary.stopped() ? EndOfData.latestEventBeforeStop(summary.latestEventAt())
				: EndOfData.latestEvent(summary.latestEventAt()));
		text.printf("  timers pending %,d%s%n", summary.pendingTimers(), summary.pendingTimers() == 0 || summary.stopped() ? ""
				: ", due after the end of the data: customers with time still to run, not failures");
		if (deliveryNote != null) {
			text.printf("  deliveries     %s%n", deliveryNote);
		}
		if (summary.rowsScored() > 0) {
			text.printf("  scored         %,d rows in %,d batches%n", summary.rowsScored(), summary.scoreBatches());
		}
		text.printf("  speed          %,.0f events/s (%,d events in %.2f s)%n", summary.eventsPerSecond(), summary.eventsThisRun(),
				summary.elapsedNanos() / 1e9);
	}

	private static List<String> stageNames(JourneyPlan plan) {
		return plan.stages().stream().map(Stage::name).toList();
	}

	private static Map<String, Long> orderedStageCounts(List<String> stages, EngineSummary summary) {
		Map<String, Long> ordered = new LinkedHashMap<>();
		for (String stage : stages) {
			ordered.put(stage, summary.stageCounts().getOrDefault(stage, 0L));
		}
		summary.stageCounts().forEach(ordered::putIfAbsent);
		return ordered;
	}
}
