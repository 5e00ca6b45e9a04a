package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.EngineSummary;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.driver.TimerBenchmark;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.InMemoryStateStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera bench FILE}: by default, what a user gets from {@code itinera run} — one cold
 * process over a generated log with the journey's real rules and models, RocksDB state and the
 * output files — timed from outside: wall time, events/s, peak memory. {@code --core} measures the
 * engine's inner loop instead (in memory, rules off, a constant score, nothing written): a figure
 * for finding where time goes, not for claims. Not part of the test run.
 */
@Command(name = "bench", description = {
		"Measure what users run: itinera run in a cold process over --events LOG or a generated log",
		"(target/bench/events-N-M-S.csv, made on first use), with the journey's rules and models, RocksDB state and output",
		"files (wall time, events/s, peak memory); --map defaults to unknown=skip. --core measures the",
		"engine's inner loop instead (in memory, no rules, a constant score, nothing written)." })
public final class BenchCommand implements Callable<Integer> {
	@Parameters(index = "0", paramLabel = "FILE", description = "the .journey file to run")
	Path journey;

	@Option(names = "--count", defaultValue = "1000000", description = "events in the generated log (default: ${DEFAULT-VALUE})")
	long count;

	@Option(names = "--customers", defaultValue = "100000", description = "customers in the generated log (default: ${DEFAULT-VALUE})")
	int customers;

	@Option(names = "--seed", defaultValue = "7", description = "seed of the generated log (default: ${DEFAULT-VALUE})")
	long seed;

	@Mixin
	EventLogOption log = new EventLogOption();

	@Mixin
	MappingOption mapping = new MappingOption();

	@Option(names = "--columns", paramLabel = "NAMES", description = "the columns of a headerless --events CSV")
	String columns;

	@Option(names = "--workers", description = "worker threads (default: the number of cores)")
	Integer workers;

	@Option(names = "--rounds", defaultValue = "3", description = "timed runs; the median is reported (default: ${DEFAULT-VALUE})")
	int rounds;

	@Option(names = "--core", description = "the inner loop: in memory, a constant score, nothing written, rules off unless --with-rules")
	boolean core;

	@Option(names = "--with-rules", description = "with --core: run the campaign rules on Drools")
	boolean withRules;

	@Option(names = "--timers", defaultValue = "2000000", description = "with --core: timers for the timer-queue measurement (default: ${DEFAULT-VALUE})")
	int timers;

	@Spec
	CommandSpec spec;

	private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
	private static final int CORES = Runtime.getRuntime().availableProcessors();
	/** Event types the journey does not declare (favourites, for most) are skipped, not dead-lettered. */
	private static final String SKIP_UNDECLARED = "unknown=skip";

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		JourneyPlan plan = JourneyPlans.load(journey, err);
		if (plan == null) {
			err.flush();
			return ExitCode.FAILED.code();
		}
		Path logFile = log.file != null ? log.file : generatedLog(err);
		if (!Files.isRegularFile(logFile)) {
			throw CommandError.error(logFile + ": no such event log");
		}
		return core ? core(plan, logFile, out) : userPath(logFile, out, err);
	}

	private Path generatedLog(PrintWriter err) throws IOException {
		Path file = Path.of("target", "bench", "events-" + count + "-" + customers + "-" + seed + ".csv");
		if (!Files.isRegularFile(file)) {
			err.println("Generating " + file + " (" + count + " events, " + customers + " customers, seed " + seed + ")...");
			err.flush();
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
				new SyntheticEventLog(count, customers, seed, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 30, false)
						.write(writer);
			}
		}
		return file;
	}

	/** {@code itinera run} in a fresh JVM per round, as a user starts it; timed and watched from outside. */
	private int userPath(Path logFile, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
		out.printf("itinera run %s over %s (%,d bytes): one cold process per round, rules and models on, RocksDB state, "
				+ "output files written; %d cores%n", journey, logFile, Files.size(logFile), CORES);
		out.flush();
		List<ChildRun> runs = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			Path outDir = Files.createTempDirectory("itinera-bench-run");
			try {
				ChildRun run = ChildRun.start(runCommand(logFile, outDir));
				if (run.exitCode() != 0) {
					err.println("the run failed (exit " + run.exitCode() + "):");
					err.println(run.output());
					err.flush();
					return ExitCode.FAILED.code();
				}
				out.printf("  round %d: %.2f s wall, %,.0f events/s in the engine, %,.0f events/s over the whole process, "
						+ "peak RSS %,d MiB%n", round, run.wallSeconds(), run.engineEventsPerSecond(),
						run.events() / run.wallSeconds(), run.peakRssKiB() / 1024);
				out.flush();
				runs.add(run);
			} finally {
				delete(outDir);
			}
		}
		ChildRun median = runs.stream().sorted(Comparator.comparingDouble(ChildRun::wallSeconds)).toList().get(runs.size() / 2);
		out.printf("median of %d: %.2f s wall for %,d events = %,.0f events/s over the whole process (%,.0f in the engine), "
				+ "peak RSS %,d MiB%n", runs.size(), median.wallSeconds(), median.events(), median.events() / median.wallSeconds(),
				median.engineEventsPerSecond(), median.peakRssKiB() / 1024);
		out.flush();
		return ExitCode.OK.code();
	}

	private List<String> runCommand(Path logFile, Path outDir) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
				.filter(argument -> !argument.startsWith("-agentlib") && !argument.startsWith("-javaagent")).toList());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ItineraCommand.class.getName(), "run",
				journey.toString(), "--events", logFile.toString(), "--out", outDir.toString(), "--no-progress", "--map",
				mapping.spec != null ? mapping.spec : SKIP_UNDECLARED));
		if (columns != null) {
			command.addAll(List.of("--columns", columns));
		}
		if (workers != null) {
			command.addAll(List.of("--workers", workers.toString()));
		}
		return command;
	}

	/** The inner loop, as before: for finding where time goes. */
	private int core(JourneyPlan plan, Path logFile, PrintWriter out) throws IOException {
		EventSchema schema = EventSchema.of(plan);
		ColumnMapping mapping = ColumnMapping.parse(this.mapping.spec != null ? this.mapping.spec : SKIP_UNDECLARED);
		List<String> columnNames = columns == null ? null : List.of(columns.split(","));
		EngineConfig config = EngineConfig.defaults().withCheckpointEveryMillis(Long.MAX_VALUE / 2_000_000).withRunName("bench");
		if (workers != null) {
			config = config.withWorkers(workers);
		}
		Scorer constantScore = (model, rows) -> {
			float[] scores = new float[rows.length];
			Arrays.fill(scores, 0.5f);
			return scores;
		};
		CampaignRules rules = withRules ? DroolsCampaignRules.forPlan(plan) : CampaignRules.NONE;
		// the journey as every host assembles it, with these rules and scores
		AssembledJourney bench = new AssembledJourney(plan, rules, constantScore, DeliverySettings.DEFAULT);
		out.printf("Inner loop of journey %s, log %s (%,d bytes), %d workers, %d cores, campaign rules %s%n", plan.name(), logFile,
				Files.size(logFile), config.workers(), CORES, withRules ? "on (Drools)" : "off");
		long parseStart = System.nanoTime();
		long parsed = 0;
		try (EventLogSource source = EventLogSource.open(logFile, InputFormat.guess(logFile), mapping, columnNames, ',', schema)) {
			while (source.next() != null) {
				parsed++;
			}
		}
		double parseSeconds = (System.nanoTime() - parseStart) / 1e9;
		out.printf("  reading and parsing only   %,12.0f lines/s (%,d lines in %.2f s)%n", parsed / parseSeconds, parsed, parseSeconds);
		out.flush();
		EngineSummary last = null;
		InMemoryStateStore lastStore = null;
		for (int round = 0; round <= rounds; round++) {
			InMemoryStateStore store = new InMemoryStateStore();
			try (EventLogSource source = EventLogSource.open(logFile, InputFormat.guess(logFile), mapping, columnNames, ',', schema)) {
				long readerCpuBefore = THREADS.getCurrentThreadCpuTime();
				long processCpuBefore = processCpuNanos();
				EngineSummary summary = new LocalEngine(bench::newStep, constantScore, store,
						RunOutput.discard(), config).run(source);
				double readerCpu = (THREADS.getCurrentThreadCpuTime() - readerCpuBefore) / 1e9;
				double processCpu = (processCpuNanos() - processCpuBefore) / 1e9;
				out.printf("  engine, in-memory state %s %,12.0f events/s (%,d events in %.2f s; CPU: reader %.2f s, all threads %.2f s)%n",
						round == 0 ? "(warm-up)" : "round " + round + " ", summary.eventsPerSecond(), summary.eventsThisRun(),
						summary.elapsedNanos() / 1e9, readerCpu, processCpu);
				out.flush();
				last = summary;
				lastStore = store;
			}
		}
		out.printf("  customers %,d, stage changes %,d, actions %,d, pending timers %,d, scored rows %,d in %,d batches%n",
				last.customers(), last.stageChanges(), last.actions(), last.pendingTimers(), last.rowsScored(), last.scoreBatches());
		out.printf("  bytes per customer         %,12.0f encoded (%,d customers)%n",
				(double) lastStore.stateBytes() / Math.max(1, lastStore.size()), lastStore.size());
		TimerBenchmark.Result timerResult = TimerBenchmark.run(timers, seed);
		out.printf("  timer queue, %,d timers: set %,.0f/s, replace or cancel %,.0f/s, fire %,.0f/s%n", timerResult.timers(),
				timerResult.setPerSecond(), timerResult.cancelPerSecond(), timerResult.firePerSecond());
		out.flush();
		return ExitCode.OK.code();
	}

	/** CPU time of the whole process: with other work on the machine, wall time alone says little. */
	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return ExitCode.OK.code();
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}
}
