package io.itinera.flink;

import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.workspace.WorkspacePlans;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

/**
 * The job's entry point: {@code flink run itinera-flink-job.jar --plan PLAN.json …} on a cluster, or
 * {@code --local} on a MiniCluster in this process ({@code itinera flink --local} starts it so).
 * Arguments are those {@code itinera flink} passes; docs/flink.md lists them.
 */
public final class JourneyJobRunner {
	private static final String USAGE = "usage: --plan PLAN.json [--journey-dir DIR] (--events FILE... | --watch DIR | --kafka HOST:PORT "
			+ "--events-topic T) [--out DIR] [--actions-topic A --dead-letters-topic D [--stage-changes-topic S]] [--parallelism N] "
			+ "[--lateness-ms MS] [--max-skew-ms MS] [--end-at INSTANT|none] [--clock event|wall] [--checkpoint-ms MS] [--map SPEC] [--score-batch N] [--score-wait-us US] [--zone ZONE] [--global-cap LIMIT/PERIOD_MILLIS/CHANNEL] [--workspace-file FILE] [--erasures FILE|DIR | --erasure-topic T] [--erasure-salt HEX] [--allow-raw-drl] [--local]";

	/** The output's folder the checkpoints of a {@code --local} job go to; removed when the job ends. */
	static final String CHECKPOINT_FOLDER = ".checkpoints";
	private static final int LOCAL_RESTARTS = 3;
	/** The longest a local job's JVM takes to stop after a signal. */
	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private JourneyJobRunner() {
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--local")) {
			ShutdownDeadline.install(STOP_GRACE, System.err); // Ctrl-C ends the job even when Flink's shutdown hangs
		}
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the job; the exit status (0 done, 2 bad arguments, 1 the job failed) and messages for people, never a stack trace. */
	static int run(String[] args, PrintStream out, PrintStream err) {
		JobArguments arguments;
		try {
			arguments = JobArguments.parse(args);
		} catch (IllegalArgumentException e) {
			err.println("itinera flink: " + e.getMessage());
			err.println(USAGE);
			return 2;
		}
		ReplayInput replay = null;
		Path checkpoints = null;
		try {
			String planJson = Files.readString(arguments.plan());
			JobSettings settings = JobSettings.of(WorkspacePlans.isWorkspace(planJson) ? planJson : PlanJson.write(PlanJson.read(planJson)),
					arguments.journeyDirectory().toString())
					.withMapping(arguments.mapping()).withLateness(arguments.latenessMillis())
					.withScoring(arguments.scoreBatch(), arguments.scoreWaitMicros()).withWallClock(arguments.wallClock())
					.withDelivery(arguments.zone(), arguments.globalCaps())
					.withWorkspaceFile(arguments.workspaceFile() == null ? null : Files.readString(arguments.workspaceFile()))
					.withRawDrlAllowed(arguments.allowRawDrl());
			JobJourneys journeys = JobJourneys.of(settings);
			settings.workspace();
			settings.delivery();
			settings = settings.withEventTimes(new JobSettings.EventTimes(arguments.maxSkewMillis(), Long.MAX_VALUE));
			JourneyJob.Input input = arguments.input();
			if (!arguments.files().isEmpty() && !arguments.wallClock()) {
				replay = ReplayInput.prepare(arguments.files(), journeys.schema(), arguments.mapping(), arguments.latenessMillis(),
						arguments.maxSkewMillis(), arguments.endAt(), sortFolder(arguments), arguments.local());
				settings = replay.applyTo(settings);
				input = replay.input(input);
				if (replay.orderNote() != null) {
					out.println(journeys.name() + ": the log is " + replay.orderNote() + ".");
				}
			} else if (arguments.endAt() != null) {
				settings = settings.withReplayEnd(arguments.endAt());
			}
			Configuration config = new Configuration();
			if (arguments.local()) {
				applyConfigurationFolder(config, System.getenv(ConfigConstants.ENV_FLINK_CONF_DIR));
			}
			configure(config, arguments.checkpointMillis());
			if (arguments.local()) {
				checkpoints = workFolder(arguments, CHECKPOINT_FOLDER, "itinera-checkpoints-");
				configureLocal(config, checkpoints);
			}
			StreamExecutionEnvironment env = arguments.local()
					? StreamExecutionEnvironment.createLocalEnvironment(arguments.parallelism(), config)
					: StreamExecutionEnvironment.getExecutionEnvironment(config);
			if (!arguments.local() && arguments.parallelism() > 0) {
				env.setParallelism(arguments.parallelism());
			}
			JourneyJob.build(env, settings, input, arguments.output(), ErasureRequests.parse(args, arguments.kafka(), arguments.groupId()));
			long started = System.nanoTime();
			env.execute("itinera " + journeys.name());
			double seconds = (System.nanoTime() - started) / 1e9;
			if (replay != null) {
				out.printf(Locale.ROOT, "%s: %,d lines in %.1f s on Flink (%,.0f lines/s), output in %s%n", journeys.name(), replay.lines(),
						seconds, replay.lines() / seconds, arguments.output().directory() != null ? arguments.output().directory() : "Kafka");
				out.println("  replay end     " + replay.endNote());
				if (replay.orderNote() != null) {
					out.println("  log order      read from a copy sorted by time, now removed");
				}
			}
			return 0;
		} catch (NoSuchFileException e) {
			err.println(e.getFile() + ": no such file; check the path.");
			return 2;
		} catch (IOException | RuntimeException e) {
			err.println("itinera flink: " + rootMessage(e));
			return 1;
		} catch (Exception e) {
			err.println("itinera flink: the job failed: " + rootMessage(e));
			return 1;
		} finally {
			closeQuietly(replay, err);
			removeQuietly(checkpoints, err);
		}
	}

	/**
	 * Where a log's sorted copy goes: a folder of the output (a cluster's task managers see it), else
	 * (Kafka out, or an output on another file system) a temporary one, removed with the copy.
	 */
	private static Path sortFolder(JobArguments arguments) throws IOException {
		return workFolder(arguments, ReplayInput.SORT_FOLDER, "itinera-sorted-log-");
	}

	/** A folder {@code name} of the output when it is a local folder, else a new temporary one. */
	private static Path workFolder(JobArguments arguments, String name, String temporaryPrefix) throws IOException {
		if (arguments.out() != null && !arguments.out().contains("://")) {
			return Path.of(arguments.out()).resolve(name);
		}
		return Files.createTempDirectory(temporaryPrefix);
	}

	private static void removeQuietly(Path folder, PrintStream err) {
		if (folder == null || !Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		} catch (IOException | UncheckedIOException e) {
			err.println("itinera flink: the job's checkpoints in " + folder + " could not be removed: " + rootMessage(e));
		}
	}

	private static void closeQuietly(ReplayInput replay, PrintStream err) {
		if (replay == null) {
			return;
		}
		try {
			replay.close();
		} catch (IOException e) {
			err.println("itinera flink: the log's sorted copy could not be removed: " + rootMessage(e));
		}
	}

	/**
	 * The job's settings: no generic (Kryo) types, checkpoints every {@code checkpointMillis}
	 * (output is committed on them) and unaligned, so a slow scoring step does not stall them.
	 * Records pass between chained operators without a copy: every operator makes new records and
	 * keeps none it was given.
	 */
	static void configure(Configuration config, long checkpointMillis) {
		config.set(PipelineOptions.GENERIC_TYPES, false);
		config.set(PipelineOptions.OBJECT_REUSE, true);
		config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(checkpointMillis));
		config.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
	}

	/**
	 * A job on this machine ({@code --local}): checkpoints go to files in {@code folder}. Flink's default,
	 * checkpoints in the job manager's memory, refuses a subtask's state over 5 MB (the sample workspace
	 * past some 13,000 customers per subtask): every checkpoint then failed, the job restarted from the last good
	 * one, met the same limit and never ended. A failure that repeats ends the job after a few restarts.
	 * A cluster keeps its own settings ({@code state.checkpoints.dir}, restart strategy).
	 */
	static void configureLocal(Configuration config, Path folder) {
		config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
		config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, folder.toAbsolutePath().toUri().toString());
		config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
		config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, LOCAL_RESTARTS);
		config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
	}

	/**
	 * A {@code --local} job takes the settings of a Flink configuration folder ({@code FLINK_CONF_DIR}, its
	 * {@code config.yaml}) as a cluster would, for example RocksDB state with incremental checkpoints
	 * ({@code state.backend.type: rocksdb}, {@code execution.checkpointing.incremental: true}) or a fixed REST port to
	 * read the checkpoints' statistics from ({@code rest.bind-port}); the checkpoints still go to the output's folder.
	 */
	static void applyConfigurationFolder(Configuration config, String folder) {
		if (folder != null && !folder.isBlank()) {
			config.addAll(GlobalConfiguration.loadConfiguration(folder));
		}
	}

	private static String rootMessage(Throwable e) {
		Throwable root = ExceptionUtils.stripExecutionException(e);
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.toString();
	}

	/** The parsed command line. */
	record JobArguments(Path plan, Path journeyDirectory, List<String> files, String watch, String kafka, String eventsTopic,
			String groupId, String out, String actionsTopic, String stageChangesTopic, String deadLettersTopic, int parallelism,
			long latenessMillis, long maxSkewMillis, Long endAt, boolean wallClock, long checkpointMillis, String mapping, int scoreBatch, long scoreWaitMicros,
			boolean local, String zone, List<String> globalCaps, Path workspaceFile, boolean allowRawDrl) {

		static JobArguments parse(String[] args) {
			Path plan = null;
			Path journeyDirectory = null;
			Path workspaceFile = null;
			List<String> files = new ArrayList<>();
			String watch = null, kafka = null, eventsTopic = null, groupId = "itinera", out = null, actions = null, stages = null,
					dead = null, mapping = null, zone = "UTC";
			List<String> caps = new ArrayList<>();
			int parallelism = 0, scoreBatch = 256;
			long lateness = 60_000, maxSkew = TimeWindow.DEFAULT_MAX_SKEW.toMillis(), checkpoint = 10_000, scoreWait = 2_000;
			Long endAt = null;
			boolean wall = false, local = false, allowRawDrl = false;
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				if (option.equals("--local")) {
					local = true;
					continue;
				}
				if (option.equals("--allow-raw-drl")) {
					allowRawDrl = true;
					continue;
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(option + " needs a value");
				}
				String value = args[++i];
				switch (option) {
				case "--plan" -> plan = Path.of(value);
				case "--journey-dir" -> journeyDirectory = Path.of(value);
				case "--events" -> files.add(value);
				case "--watch" -> watch = value;
				case "--kafka" -> kafka = value;
				case "--events-topic" -> eventsTopic = value;
				case "--group-id" -> groupId = value;
				case "--out" -> out = value;
				case "--actions-topic" -> actions = value;
				case "--stage-changes-topic" -> stages = value;
				case "--dead-letters-topic" -> dead = value;
				case "--parallelism" -> parallelism = positive(option, value);
				case "--score-batch" -> scoreBatch = positive(option, value);
				case "--score-wait-us" -> scoreWait = number(option, value);
				case "--lateness-ms" -> lateness = number(option, value);
				case "--max-skew-ms" -> maxSkew = number(option, value);
				case "--checkpoint-ms" -> checkpoint = positive(option, value);
				case "--map" -> mapping = value;
				case "--zone" -> zone = value;
				case "--global-cap" -> caps.add(value);
				case "--workspace-file" -> workspaceFile = Path.of(value);
				case "--clock" -> {
					if (!value.equals("wall") && !value.equals("event")) {
						throw new IllegalArgumentException("--clock " + value + ": give event (a replay) or wall (live)");
					}
					wall = value.equals("wall");
				}
				case "--end-at" -> endAt = value.equals("none") ? Long.MAX_VALUE : instant(value);
				case "--erasures", "--erasure-topic", "--erasure-salt" -> {
					// the erasure path's: ErasureRequests.parse reads them
				}
				default -> throw new IllegalArgumentException("unknown option " + option);
				}
			}
			if (plan == null) {
				throw new IllegalArgumentException("--plan is required (a plan compiled with itinera compile)");
			}
			int inputs = (files.isEmpty() ? 0 : 1) + (watch == null ? 0 : 1) + (eventsTopic == null ? 0 : 1);
			if (inputs != 1) {
				throw new IllegalArgumentException("give exactly one input: --events FILE, --watch DIR or --kafka with --events-topic");
			}
			if (eventsTopic != null && kafka == null) {
				throw new IllegalArgumentException("--events-topic needs --kafka HOST:PORT");
			}
			if (out == null && actions == null) {
				throw new IllegalArgumentException("give an output: --out DIR and/or --kafka with --actions-topic");
			}
			if (actions != null && (kafka == null || dead == null)) {
				throw new IllegalArgumentException("--actions-topic needs --kafka HOST:PORT and --dead-letters-topic");
			}
			if (journeyDirectory == null) {
				Path parent = plan.toAbsolutePath().getParent();
				journeyDirectory = parent == null ? Path.of(".") : parent;
			}
			return new JobArguments(plan, journeyDirectory.toAbsolutePath(), files, watch, kafka, eventsTopic, groupId, out, actions,
					stages, dead, parallelism, lateness, maxSkew, endAt, wall, checkpoint, mapping, scoreBatch, scoreWait, local, zone, caps,
					workspaceFile, allowRawDrl);
		}

		JourneyJob.Input input() {
			if (eventsTopic != null) {
				return JourneyJob.Input.kafka(kafka, eventsTopic, groupId);
			}
			return watch != null ? JourneyJob.Input.watching(watch) : JourneyJob.Input.files(files);
		}

		JourneyJob.Output output() {
			KafkaTopics.Outputs topics = actionsTopic == null ? null
					: new KafkaTopics.Outputs(kafka, actionsTopic, stageChangesTopic, deadLettersTopic, "itinera-" + groupId);
			return new JourneyJob.Output(out, topics);
		}

		private static int positive(String option, String value) {
			long number = number(option, value);
			if (number < 1 || number > Integer.MAX_VALUE) {
				throw new IllegalArgumentException(option + " " + value + ": give a whole number of at least 1");
			}
			return (int) number;
		}

		private static long number(String option, String value) {
			try {
				return Long.parseLong(value.trim());
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException(option + " " + value + ": give a whole number");
			}
		}

		private static long instant(String value) {
			try {
				return Instant.parse(value).toEpochMilli();
			} catch (DateTimeParseException e) {
				throw new IllegalArgumentException("--end-at " + value + ": give an instant such as 2026-03-31T00:00:00Z, or none");
			}
		}
	}
}
