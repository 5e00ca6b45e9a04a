package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.replay.FileReplay;
import io.itinera.runtime.io.BackgroundOutput;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.WorkspaceSchema;
import io.itinera.runtime.io.OutputPositions;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.change.PlanChange;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.StepStack;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.simulate.ComparisonReport;
import io.itinera.report.EndOfData;
import io.itinera.runtime.simulate.JourneySimulation;
import io.itinera.runtime.simulate.SplitWeightsFile;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.report.ReportFiles;
import io.itinera.runtime.simulate.SimulationReport;
import io.itinera.runtime.simulate.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera simulate FILE --events LOG}: replays a historical log through a journey in event
 * time and writes {@code report.html} and {@code report.json}.
 */
@Command(name = "simulate", description = {
		"Replay a historical event log through a journey in event time (timers fire at their event-time moment)",
		"and write a report: report.html (self-contained, open it in any browser) and report.json." })
public final class SimulateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "FILE|DIR", description = { "the .journey file (or a plan.json), or a workspace folder:",
			"every journey in it over one pass, a report per journey in --out/JOURNEY/ (docs/workspaces.md)" })
	Path journeyFile;

	@Option(names = "--from", paramLabel = "T", description = "replay events at or after T (ISO date or date-time, UTC; or epoch)")
	String from;

	@Mixin
	ReplayEndOption replayEnd = new ReplayEndOption();

	@Option(names = "--compare", paramLabel = "OTHER.journey", description = "a second version to replay over the same log in the same pass")
	Path compare;

	@Option(names = "--switch-at", paramLabel = "T", description = {
			"with --compare: the second run changes to OTHER mid-flight — FILE up to T, then each customer migrated",
			"as itinera migrate would at T, then OTHER — and the report sets it against FILE throughout" })
	String switchAt;

	@Option(names = "--market", paramLabel = "FILE", description = { "a simulated market (JSON): customers open, click and buy in answer to",
			"the journey's messages, drawn from its true rates and seed and injected as events (docs/simulate.md)" })
	Path market;

	@Mixin
	OutputFolderOption output = new OutputFolderOption("target/simulation");

	/** Shared options this command reads in many places, read once when it starts. */
	private Path events;
	private Path outDir;
	private String to;
	private boolean allowRawDrl;
	private boolean withoutModels;

	@Mixin
	EventInputOptions input = new EventInputOptions();

	@Mixin
	DriverOptions driverOptions = new DriverOptions();

	@Mixin
	DeliveryOptions delivery = new DeliveryOptions();

	@Mixin
	WithoutModelsOption withoutModelsOption = new WithoutModelsOption();

	@Mixin
	ProgressOption progressBar = new ProgressOption();

	@Mixin
	RawDrlOption rawDrl = new RawDrlOption();

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		events = input.log.required(null);
		outDir = output.folder;
		to = replayEnd.text;
		allowRawDrl = rawDrl.allowed;
		withoutModels = withoutModelsOption.set;
		if (EventInputOptions.whyNotALog(events) != null) {
			throw CommandError.error(EventInputOptions.whyNotALog(events));
		}
		if (Files.isDirectory(journeyFile)) {
			if (market != null) {
				throw CommandError.error("--market answers one journey's messages; give a .journey file, not the folder " + journeyFile + ".");
			}
			return simulateWorkspace(out, err);
		}
		JourneyPlan base = JourneyPlans.load(journeyFile, err);
		JourneyPlan other = compare == null ? null : JourneyPlans.load(compare, err);
		if (base == null || (compare != null && other == null)) {
			return ExitCode.FAILED.code();
		}
		if (switchAt != null && other == null) {
			throw CommandError.error("--switch-at " + switchAt + ": give the version to switch to with --compare OTHER.journey");
		}
		CheckedOptions options = checkedOptions();
		Long fromMillis = options.fromMillis();
		Long toMillis = options.toMillis();
		DriverSettings driverSettings = options.driver();
		DeliverySettings deliverySettings = options.delivery();
		List<JourneyPlan> plans = other == null ? List.of(base) : List.of(base, other);
		marketModel = MarketRun.read(market, plans);
		List<Path> files = other == null ? List.of(journeyFile) : List.of(journeyFile, compare);
		// the log's first pass reads it whole: on a thread of its own while the journeys assemble
		LogOpening<FileReplay> log = LogOpening.start(() -> input.openReplay(events, WorkspaceSchema.ofVersions(plans), driverSettings.latenessMillis(),
				toMillis == null, EventInputOptions.sortFolder(outDir), SplitEpochs.learns(plans)));
		List<AssembledJourney> parts = new ArrayList<>();
		for (int i = 0; i < plans.size(); i++) {
			AssembledJourney journeyParts = AssemblyAdapter.journey(plans.get(i), files.get(i),
					AssemblyAdapter.options(allowRawDrl, withoutModels, deliverySettings, err), err);
			if (journeyParts == null) {
				log.discard();
				parts.forEach(AssembledJourney::close);
				return ExitCode.FAILED.code();
			}
			parts.add(journeyParts);
		}
		try {
			return simulate(parts, log, driverSettings, fromMillis, toMillis, out, err);
		} finally {
			parts.forEach(AssembledJourney::close);
		}
	}

	private int simulate(List<AssembledJourney> parts, LogOpening<FileReplay> opening, DriverSettings driverSettings, Long fromMillis,
			Long toMillis, PrintWriter out, PrintWriter err) throws IOException {
		List<JourneyPlan> plans = parts.stream().map(AssembledJourney::plan).toList();
		Files.createDirectories(outDir);
		boolean learns = SplitEpochs.learns(plans);
		FileReplay log = opening.get();
		Files.writeString(outDir.resolve(RunInputs.FILE), RunInputs.of("simulate", journeyFile, events, input, driverOptions,
				delivery, allowRawDrl, withoutModels, from, to, io.itinera.runtime.plan.PlanJson.write(plans.get(0))).toJson());
		Path deadLetterFile = outDir.resolve(JsonLinesOutput.DEAD_LETTERS);
		SimulationProgress progress = new SimulationProgress(System.err, progressBar.show(true));
		RunOutput records = new BackgroundOutput(new JsonLinesOutput(outDir));
		records.restore(OutputPositions.START);
		Consumer<DeadLetter> deadLetterSink = letter -> writeDeadLetter(records, letter);
		// The second version's actions, stage changes and notices go to OUT/compare/ (the log's unreadable lines once, in OUT).
		JsonLinesOutput compared = parts.size() < 2 ? null : new JsonLinesOutput(outDir.resolve(COMPARED));
		if (compared != null) {
			compared.restore(OutputPositions.START);
		}
		List<JourneySimulation> journeys = new ArrayList<>();
		for (AssembledJourney journey : parts) {
			journeys.add(new JourneySimulation(journey.plan(), journey.newStep(), journey.scorer(), driverSettings,
					journeys.isEmpty() ? records : compared).hostZone(journey.delivery().defaultZone()));
		}
		if (switchMillis != null) {
			JourneySimulation switched = switchedRun(parts.get(0), parts.get(1), driverSettings, compared, err);
			if (switched == null) {
				compared.close();
				return ExitCode.FAILED.code();
			}
			journeys.set(1, switched);
		}
		List<List<String>> splitWeights = new ArrayList<>();
		List<SplitEpochs> learnedSplits = new ArrayList<>();
		for (int i = 0; i < journeys.size() && learns; i++) {
			List<String> lines = new ArrayList<>();
			SplitEpochs epochs = SplitEpochs.of(Map.of(parts.get(i).plan(), parts.get(i).splitWeights()), lines::add);
			if (epochs != null) {
				if (switchMillis != null) {
					throw CommandError.error("--switch-at does not go with a split that learns its winner (" + journeyFile + ")");
				}
				journeys.get(i).learnWith(epochs);
				learnedSplits.add(epochs);
			}
			splitWeights.add(lines);
		}
		List<MarketRun> markets = MarketRun.open(marketModel, journeys, outDir, COMPARED);
		Simulator simulator = new Simulator(journeys, fromMillis, toMillis, progress);
		StopOnSignal stop = StopOnSignal.install(simulator::stop, () -> SimulationProgress.interrupted(simulator.progress())
				+ " Partial report: " + outDir.resolve(ReportFiles.HTML));
		long started = System.nanoTime();
		long cpuStarted = threadCpuNanos();
		List<SimulationReport> reports;
		try (records; FileReplay source = log; RunOutput second = compared == null ? RunOutput.discard() : compared;
				MarketRun.All answering = new MarketRun.All(markets)) {
			reports = simulator.run(source, deadLetterSink);
			for (int i = 0; i < splitWeights.size(); i++) {
				if (!splitWeights.get(i).isEmpty()) {
					Path folder = i == 0 ? outDir : Files.createDirectories(outDir.resolve(COMPARED));
					Files.write(folder.resolve(SplitEpochs.FILE), splitWeights.get(i));
				}
			}
			reports = withSplitWeights(reports);
			Path html = reports.size() == 1 ? ReportFiles.write(reports.get(0), outDir)
					: ReportFiles.write(ReportFiles.compare(reports.get(0), reports.get(1), versionLabels()), outDir);
			double seconds = (System.nanoTime() - started) / 1e9;
			double cpuSeconds = (threadCpuNanos() - cpuStarted) / 1e9;
			Simulator.Progress done = simulator.progress();
			boolean versions = reports.size() == 2 && switchMillis == null;
			out.println((versions ? versionLabels().base() + ": " : "") + summary(reports.get(0), done, seconds));
			if (reports.size() == 2) {
				out.println((switchMillis != null ? "Switched to " + compare + " at " + java.time.Instant.ofEpochMilli(switchMillis)
						+ ": " : versionLabels().other() + ": ") + summary(reports.get(1), done, seconds));
			}
			out.println(EndOfData.of(reports.get(0)));
			if (reports.size() == 2 && reports.get(1).input().timersPending() != reports.get(0).input().timersPending()) {
				out.println("The second run: " + EndOfData.pendingTimers(reports.get(1)) + ".");
			}
			JourneySimulation first = journeys.get(0);
			if (first.outOfOrderEvents() > 0 || first.lateEvents() > 0) {
				out.println(String.format(Locale.ROOT, "Out of order: %,d events put back in order, %,d late (dead letters; --lateness %s)",
						first.outOfOrderEvents(), first.lateEvents(), driverOptions.lateness));
			}
			printReplayNotes(out, source, toMillis);
			learnedSplits.forEach(epochs -> epochs.summary().forEach(out::println));
			answering.finish(out);
			if (cpuSeconds > 0) {
				out.println(String.format(Locale.ROOT, "Replay thread CPU time %.1fs (%,.0f events per CPU second)",
						cpuSeconds, done.records() / cpuSeconds));
			}
			out.println("Report: " + html + " (figures: " + outDir.resolve(ReportFiles.JSON) + ")");
			if (compared != null) {
				out.println("Actions and stage changes: " + journeyFile.getFileName() + "'s in " + outDir + ", "
						+ (switchMillis != null ? "the switched run's" : compare.getFileName() + "'s") + " in "
						+ outDir.resolve(COMPARED));
			}
			long deadLettered = reports.get(0).input().deadLetters();
			if (deadLettered > 0) {
				out.println(deadLettered + " line" + (deadLettered == 1 ? "" : "s") + " dead-lettered: " + deadLetterFile);
			}
			out.flush();
		} finally {
			stop.done();
		}
		return BadLines.check(input, err);
	}

	/** What a journey's and a workspace's simulation both read from the options, checked. */
	private record CheckedOptions(Long fromMillis, Long toMillis, DriverSettings driver, DeliverySettings delivery) {
	}

	/** The options checked (and --switch-at read); @throws IllegalArgumentException naming the one that is wrong */
	private CheckedOptions checkedOptions() {
		Long fromMillis = TimeOption.millis("--from", from);
		Long toMillis = replayEnd.millis();
		switchMillis = TimeOption.millis("--switch-at", switchAt);
		input.validate();
		return new CheckedOptions(fromMillis, toMillis, driverOptions.settings(), delivery.settings());
	}

	/** The --market file, read; null without one. */
	private io.itinera.runtime.simulate.ResponseModel marketModel;

	/** The --switch-at T moment, epoch ms, or null. */
	private Long switchMillis;

	/**
	 * The second run of {@code --switch-at}: FILE's steps up to T, then OTHER's ({@code SwitchingStep}). Its
	 * report knows OTHER's stages and events and those of FILE's that OTHER has not, where customers were before T.
	 * Scores come from OTHER's models, so both versions must have the same ones.
	 */
	private JourneySimulation switchedRun(AssembledJourney old, AssembledJourney changed, DriverSettings driverSettings, RunOutput output,
			PrintWriter err) {
		List<PlanChange> models = PlanDiff.between(old.plan(), changed.plan()).stream().filter(change -> change.kind()
				== PlanChange.Kind.MODEL_CHANGED || change.kind() == PlanChange.Kind.MODEL_REMOVED).toList();
		if (!models.isEmpty()) {
			err.println(compare + ": --switch-at scores both versions with its models, but it changes or removes "
					+ models.get(0).description() + " (" + models.get(0).where() + "); keep the old model under another name.");
			return null;
		}
		JourneyStep step;
		try {
			step = StepStack.switching(old, changed, switchMillis);
		} catch (IllegalArgumentException e) {
			err.println(compare + ": error: " + e.getMessage() + ".");
			return null;
		}
		return new JourneySimulation(reportedPlan(old.plan(), changed.plan()), step, changed.scorer(), driverSettings, output)
				.hostZone(changed.delivery().defaultZone());
	}

	/** Each run's report with the weights its auto-winner splits wrote ({@code split-weights.jsonl} in its folder). */
	private List<SimulationReport> withSplitWeights(List<SimulationReport> reports) throws IOException {
		List<SimulationReport> with = new ArrayList<>();
		for (int i = 0; i < reports.size(); i++) {
			with.add(SplitWeightsFile.addTo(reports.get(i), i == 0 ? outDir : outDir.resolve(COMPARED)));
		}
		return with;
	}

	/** The folder under --out with the second run's outputs ({@code --compare}). */
	static final String COMPARED = "compare";

	/**
	 * What the comparison calls its two runs: by file ("v1 (post-purchase.journey)", "v2 (post-purchase-v2.journey)"), or
	 * with --switch-at, the first version throughout against the switched run.
	 */
	private ComparisonReport.Labels versionLabels() {
		String base = "v1 (" + journeyFile.getFileName() + ")";
		if (switchMillis == null) {
			return new ComparisonReport.Labels(base, "v2 (" + compare.getFileName() + ")");
		}
		return new ComparisonReport.Labels(base + " throughout", "switched to v2 (" + compare.getFileName() + ") at "
				+ java.time.Instant.ofEpochMilli(switchMillis));
	}

	/** {@code changed} with the stages (without their transitions) and events of {@code old} it has not. */
	static JourneyPlan reportedPlan(JourneyPlan old, JourneyPlan changed) {
		List<Stage> stages = new ArrayList<>(changed.stages());
		for (Stage stage : old.stages()) {
			if (changed.stage(stage.name()) == null) {
				stages.add(new Stage(stage.name(), stage.phase(), List.of(), stage.location()));
			}
		}
		List<EventType> events = new ArrayList<>(changed.events());
		for (EventType event : old.events()) {
			if (events.stream().noneMatch(e -> e.name().equals(event.name()))) {
				events.add(event);
			}
		}
		return new JourneyPlan(changed.formatVersion(), changed.name(), changed.title(), changed.location(), changed.entry(),
				changed.reentry(), changed.exits(), changed.goal(), changed.attributes(), events, changed.features(),
				changed.models(), stages, changed.campaigns(), changed.splits(), changed.tests(), changed.phases(),
				changed.migration(), changed.priority(), changed.topics());
	}

	/**
	 * Every journey of a folder over one pass, through the workspace's one step function (shared caps,
	 * priority): the output files as {@code run} writes them, and a report per journey in {@code --out/JOURNEY/}.
	 */
	private int simulateWorkspace(PrintWriter out, PrintWriter err) throws IOException {
		if (compare != null) {
			throw CommandError.error("--compare replays two versions of one journey; give a .journey file, not the folder "
					+ journeyFile + ".");
		}
		CheckedOptions options = checkedOptions();
		Long fromMillis = options.fromMillis();
		Long toMillis = options.toMillis();
		DriverSettings driverSettings = options.driver();
		DeliverySettings deliverySettings = options.delivery();
		try (AssembledWorkspace workspace = AssemblyAdapter.workspace(journeyFile,
				AssemblyAdapter.options(allowRawDrl, withoutModels, deliverySettings, err), err)) {
			if (workspace == null) {
				return ExitCode.FAILED.code();
			}
			Files.createDirectories(outDir);
			List<String> splitWeights = new ArrayList<>();
			SplitEpochs epochs = SplitEpochs.of(workspace.splitBoards(), splitWeights::add);
			FileReplay log = input.openReplay(events, workspace.schema(), driverSettings.latenessMillis(), toMillis == null,
					EventInputOptions.sortFolder(outDir), epochs != null);
			Files.writeString(outDir.resolve(RunInputs.FILE), RunInputs.of("simulate", journeyFile, events, input, driverOptions,
					delivery, allowRawDrl, withoutModels, from, to, workspace.planJson()).toJson());
			io.itinera.runtime.workspace.WorkspaceStep step = workspace.newStep();
			List<JourneyPlan> ordered = new ArrayList<>();
			for (String name : step.journeyNames()) {
				ordered.add(workspace.plans().stream().filter(plan -> plan.name().equals(name)).findFirst().orElseThrow());
			}
			SimulationProgress progress = new SimulationProgress(System.err, progressBar.show(true));
			RunOutput records = new BackgroundOutput(new JsonLinesOutput(outDir));
			records.restore(OutputPositions.START);
			JourneySimulation simulation = JourneySimulation.ofWorkspace(ordered, step, workspace.scorer(), driverSettings, records)
					.hostZone(deliverySettings.defaultZone());
			if (epochs != null) {
				simulation.learnWith(epochs);
			}
			Simulator simulator = new Simulator(List.of(simulation), fromMillis, toMillis, progress);
			StopOnSignal stop = StopOnSignal.install(simulator::stop, () -> SimulationProgress.interrupted(simulator.progress()));
			long started = System.nanoTime();
			try (records; FileReplay source = log) {
				List<SimulationReport> reports = simulator.run(source, letter -> writeDeadLetter(records, letter));
				if (epochs != null) {
					Files.write(outDir.resolve(SplitEpochs.FILE), splitWeights);
				}
				double seconds = (System.nanoTime() - started) / 1e9;
				out.println("Workspace " + journeyFile + " (" + String.join(", ", step.journeyNames()) + ")");
				for (SimulationReport report : reports) {
					Path html = ReportFiles.write(report, outDir.resolve(report.journey()));
					out.println("  " + summary(report, simulator.progress(), seconds) + "\n    " + EndOfData.of(report)
							+ "\n    report: " + html);
				}
				printReplayNotes(out, source, toMillis);
				if (epochs != null) {
					epochs.summary().forEach(out::println);
				}
				Path together = ReportFiles.write(simulation.workspaceDelivery(journeyFile.toString()), outDir);
				out.println("  all journeys: messages by journey and channel, and per customer per week: " + together);
				out.println("Actions, stage changes and what was not sent (with why): " + outDir.resolve(JsonLinesOutput.ACTIONS) + ", "
						+ JsonLinesOutput.STAGE_CHANGES + ", " + JsonLinesOutput.SUPPRESSIONS);
				out.flush();
			} finally {
				stop.done();
			}
		}
		return BadLines.check(input, err);
	}

	/** How the log was read (sorted or not) and which time ended the replay, and why. */
	private static void printReplayNotes(PrintWriter out, FileReplay log, Long toMillis) {
		if (log.orderNote() != null) {
			out.println("Log order: " + log.orderNote());
		}
		out.println("Replay end: " + (toMillis != null ? java.time.Instant.ofEpochMilli(toMillis) + " (--to)" : log.endNote()));
	}

	private static String summary(SimulationReport report, Simulator.Progress done, double seconds) {
		long actions = report.campaigns().stream().mapToLong(SimulationReport.CampaignFigures::fired).sum();
		String goal = report.goal() == null ? "" : String.format(Locale.ROOT, ", goal %s within window: %.1f%% of visits",
				report.goal().event(), report.goal().rate() * 100);
		return String.format(Locale.ROOT,
				"%s: %,d events, %,d customers, %,d timers fired, %,d actions%s; %,d lines in %.1fs (%,.0f events/s)",
				report.journey(), report.input().events(), report.input().customers(), report.input().timersFired(),
				actions, goal, done.records(), seconds,
				seconds > 0 ? done.records() / seconds : 0);
	}

	private static long threadCpuNanos() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
	}

	private static void writeDeadLetter(RunOutput records, DeadLetter letter) {
		try {
			records.write(List.of(), List.of(), List.of(letter));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
