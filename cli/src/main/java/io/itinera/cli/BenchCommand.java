package io.itinera.cli;

import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.EngineSummary;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.driver.TimerBenchmark;
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
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.step.PlanStep;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera bench FILE}: events per second of the local engine on a generated log, with
 * scoring and rules stood in for (a constant score, no campaign rules), and bytes of state per
 * customer. Not part of the test run.
 */
@Command(name = "bench", description = {
		"Measure the engine: events/s over a generated log (scoring and rules stood in for),",
		"bytes of state per customer, and the timer queue. The log is generated on first use." })
public final class BenchCommand implements Callable<Integer> {
	@Parameters(index = "0", paramLabel = "FILE", description = "the .journey file to run")
	Path journey;

	@Option(names = "--events", defaultValue = "1000000", description = "events in the log (default: ${DEFAULT-VALUE})")
	long events;

	@Option(names = "--customers", defaultValue = "100000", description = "customers in the log (default: ${DEFAULT-VALUE})")
	int customers;

	@Option(names = "--seed", defaultValue = "7", description = "seed of the log (default: ${DEFAULT-VALUE})")
	long seed;

	@Option(names = "--log", paramLabel = "LOG", description = "the log to use or create (default: target/bench/events-N-M-S.csv)")
	Path log;

	@Option(names = "--workers", description = "worker threads (default: the number of cores)")
	Integer workers;

	@Option(names = "--rounds", defaultValue = "3", description = "timed runs after one warm-up (default: ${DEFAULT-VALUE})")
	int rounds;

	@Option(names = "--with-rules", description = "run the journey's campaign rules on Drools (with caps and quiet hours) instead of none")
	boolean withRules;

	@Option(names = "--rocksdb", description = "also measure a run with the RocksDB store and its size on disk")
	boolean rocksdb;

	@Option(names = "--timers", defaultValue = "2000000", description = "timers for the timer-queue measurement (default: ${DEFAULT-VALUE})")
	int timers;

	@Spec
	CommandSpec spec;

	private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
	private static final int CORES = Runtime.getRuntime().availableProcessors();
	/** Event types the journey does not declare (favourites, for most) are skipped, not dead-lettered. */
	private static final io.itinera.runtime.io.ColumnMapping BENCH_MAPPING = io.itinera.runtime.io.ColumnMapping.parse("unknown=skip");

	/** CPU time of the whole process: with other work on the machine, wall time alone says little. */
	private static long processCpuNanos() {
		if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		JourneyPlan plan = JourneyPlans.load(journey, err);
		if (plan == null) {
			err.flush();
			return 1;
		}
		Path logFile = log != null ? log : Path.of("target", "bench", "events-" + events + "-" + customers + "-" + seed + ".csv");
		if (!Files.isRegularFile(logFile)) {
			err.println("Generating " + logFile + " (" + events + " events, " + customers + " customers, seed " + seed + ")...");
			err.flush();
			Files.createDirectories(logFile.toAbsolutePath().getParent());
			try (Writer writer = new BufferedWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), 1 << 16)) {
				new SyntheticEventLog(events, customers, seed, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 30, false)
						.write(writer);
			}
		}
		EventSchema schema = EventSchema.of(plan);
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
		out.printf("Journey %s, log %s (%,d bytes), %d workers, %d cores, campaign rules %s%n", plan.name(), logFile,
				Files.size(logFile), config.workers(), Runtime.getRuntime().availableProcessors(), withRules ? "on (Drools)" : "off");

		long parseStart = System.nanoTime();
		long parsed = 0;
		try (EventLogSource source = EventLogSource.open(logFile, InputFormat.CSV, BENCH_MAPPING,
				null, ',', schema)) {
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
			try (EventLogSource source = EventLogSource.open(logFile, InputFormat.CSV, BENCH_MAPPING,
					null, ',', schema)) {
				long readerCpuBefore = THREADS.getCurrentThreadCpuTime();
				long processCpuBefore = processCpuNanos();
				EngineSummary summary = new LocalEngine(() -> new PlanStep(plan, rules), constantScore, store,
						RunOutput.discard(), config).run(source);
				double readerCpu = (THREADS.getCurrentThreadCpuTime() - readerCpuBefore) / 1e9;
				double processCpu = (processCpuNanos() - processCpuBefore) / 1e9;
				out.printf("  engine, in-memory state %s %,12.0f events/s (%,d events in %.2f s; CPU: reader %.2f s, all threads %.2f s"
						+ " -> %,.0f events/s on %d idle cores)%n",
						round == 0 ? "(warm-up)" : "round " + round + " ", summary.eventsPerSecond(), summary.eventsThisRun(),
						summary.elapsedNanos() / 1e9, readerCpu, processCpu,
						summary.eventsThisRun() / Math.max(readerCpu, processCpu / CORES), CORES);
				out.flush();
				last = summary;
				lastStore = store;
			}
		}
		out.printf("  customers %,d, stage changes %,d, actions %,d, pending timers %,d, scored rows %,d in %,d batches%n",
				last.customers(), last.stageChanges(), last.actions(), last.pendingTimers(), last.rowsScored(), last.scoreBatches());
		out.printf("  state per customer         %,12.0f bytes serialised (%,d customers)%n",
				(double) lastStore.stateBytes() / Math.max(1, lastStore.size()), lastStore.size());

		if (rocksdb) {
			Path directory = Files.createTempDirectory("itinera-bench-state");
			try {
				try (RocksDbStateStore store = new RocksDbStateStore(directory);
						EventLogSource source = EventLogSource.open(logFile, InputFormat.CSV,
								BENCH_MAPPING, null, ',', schema)) {
					EngineSummary summary = new LocalEngine(() -> new PlanStep(plan, CampaignRules.NONE), constantScore, store,
							RunOutput.discard(), config.withCheckpointEveryMillis(2000)).run(source);
					out.printf("  engine, RocksDB state      %,12.0f events/s (checkpoints every 2 s)%n", summary.eventsPerSecond());
					out.printf("  state per customer on disk %,12.0f bytes (RocksDB SST files, LZ4)%n",
							(double) store.stateBytesOnDisk() / Math.max(1, summary.customers()));
				}
			} finally {
				try (Stream<Path> files = Files.walk(directory)) {
					files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
				}
			}
		}

		TimerBenchmark.Result timerResult = TimerBenchmark.run(timers, seed);
		out.printf("  timer queue, %,d timers: set %,.0f/s, replace or cancel %,.0f/s, fire %,.0f/s%n", timerResult.timers(),
				timerResult.setPerSecond(), timerResult.cancelPerSecond(), timerResult.firePerSecond());
		out.flush();
		return 0;
	}
}
