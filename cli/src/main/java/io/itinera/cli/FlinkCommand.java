package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.DeprecatedSpelling;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.rules.RawDrlPolicy;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.workspace.WorkspaceFile;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera flink JOURNEY …}: the journey (or a workspace folder's journeys) as a Flink job.
 * The journey is compiled here (the job needs only the plan); the job runs in another JVM, never in
 * this one, whose RocksDB (rocksdbjni) clashes with Flink's: {@code --local} starts a MiniCluster in a child JVM on the flink module's
 * class path; otherwise the job jar goes to a cluster through {@code flink run}.
 */
@Command(name = "flink", description = {
		"Run a journey (or a workspace folder's journeys) as an Apache Flink job: events from a JSON",
		"Lines log or a Kafka topic, actions to JSON Lines files (--out) and/or Kafka topics (exactly",
		"once). --local runs it on this machine; otherwise it is submitted with flink run (FLINK_HOME or",
		"flink on the PATH). See docs/flink.md." })
public final class FlinkCommand implements Callable<Integer> {
	/** The consumer group (and transaction id prefix) without --group. */
	static final String DEFAULT_GROUP = "itinera";

	@Parameters(index = "0", paramLabel = "JOURNEY", description = "the .journey file (or a plan.json from itinera compile), or a workspace folder (docs/workspaces.md)")
	Path journey;

	@Mixin
	EventLogOption log = new EventLogOption();

	@Mixin
	KafkaOptions kafka = new KafkaOptions();

	@Option(names = "--dead-letters-topic", paramLabel = "D", description = "the topic dead letters go to (default: A-dead-letters)")
	String deadLettersTopic;

	@Option(names = "--stage-changes-topic", paramLabel = "S", description = "the topic stage changes go to (default: none)")
	String stageChangesTopic;

	@Option(names = "--group-id", paramLabel = "GROUP", hidden = true, description = "old spelling of --group")
	void oldGroup(String group) {
		kafka.group = DeprecatedSpelling.read(spec, "--group-id", "--group", group);
	}

	@Mixin
	OutputFolderOption output = new OutputFolderOption();

	@Mixin
	MappingOption map = new MappingOption();

	@Option(names = "--clock", defaultValue = "event", description = "event: a replay in event time; wall: live, timers by the clock (default: ${DEFAULT-VALUE})")
	RunCommand.Clock clock;

	@Mixin
	ReplayEndOption replayEnd = new ReplayEndOption();

	@Mixin
	MaxSkewOption maxSkew = new MaxSkewOption();

	@Option(names = "--end-at", paramLabel = "T", hidden = true, description = "old spelling of --to")
	void oldEnd(String end) {
		replayEnd.text = DeprecatedSpelling.read(spec, "--end-at", "--to", end);
	}

	@Option(names = "--parallelism", defaultValue = "2", description = "subtasks of each operator (default: ${DEFAULT-VALUE})")
	int parallelism;

	@Option(names = "--checkpoint-ms", defaultValue = "10000", description = "checkpoint interval; output is committed on checkpoints (default: ${DEFAULT-VALUE})")
	long checkpointMillis;

	@Option(names = "--local", description = "run on a MiniCluster on this machine instead of submitting to a cluster")
	boolean local;

	@Option(names = "--erasures", paramLabel = "FILE|DIR", description = "the erasure path: ids of customers to erase, one a line, from"
			+ " a file (read once) or a folder watched for new files (docs/erasure.md)")
	Path erasures;

	@Option(names = "--erasure-topic", paramLabel = "T", description = "the erasure path on Kafka: a control topic of customer ids to erase")
	String erasureTopic;

	@Option(names = "--erasure-salt", paramLabel = "HEX", description = "the salt of the job's list of erased customers (32 hex digits;"
			+ " default: a new one; a job restored from a savepoint keeps the savepoint's)")
	String erasureSalt;

	@Mixin
	RawDrlOption rawDrl = new RawDrlOption();

	@Mixin
	DriverOptions driver = new DriverOptions();

	@Mixin
	DeliveryOptions delivery = new DeliveryOptions();

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter err = spec.commandLine().getErr();
		List<String> jobArguments = Files.isDirectory(journey) ? workspaceArguments(err) : journeyArguments(err);
		if (jobArguments == null) {
			return ExitCode.FAILED.code();
		}
		Path target = FlinkJobFiles.target();
		long replayBytes = log.file != null && clock != RunCommand.Clock.WALL && Files.isRegularFile(log.file) ? Files.size(log.file) : -1;
		FlinkClassData classData = local && replayBytes >= 0 ? FlinkJobFiles.classData(target) : null;
		List<String> command = local ? FlinkJobFiles.localCommand(target, replayBytes, classData) : FlinkJobFiles.submitCommand(target);
		if (command == null) {
			throw CommandError.error(local ? "itinera flink --local: " + target + " has no job build; build it with: mvn -B -q -pl flink -am package -DskipTests"
					: "itinera flink: no flink command (set FLINK_HOME or put flink on the PATH), or run on this machine with --local. "
							+ "To submit by hand: flink run " + target.resolve(FlinkJobFiles.JOB_JAR) + " " + String.join(" ", jobArguments));
		}
		command.addAll(jobArguments);
		Process process = new ProcessBuilder(command).inheritIO().start();
		// Ctrl-C or SIGTERM here stops the job too: it must not outlive the command that started it.
		String stopped = local ? "the local job was cancelled" : "the flink client was stopped (a job it submitted may still run: flink list, flink cancel)";
		Thread stopJob = new Thread(() -> JobProcessStop.stop(process, Duration.ofSeconds(15), stopped, System.err));
		Runtime.getRuntime().addShutdownHook(stopJob);
		int exit = process.waitFor();
		try {
			Runtime.getRuntime().removeShutdownHook(stopJob);
		} catch (IllegalStateException stopping) {
			return exit; // a signal is stopping this JVM: the hook says so, in one line
		}
		if (classData != null) {
			classData.afterJob(exit, command.get(0), FlinkJobFiles.classPath(target, classData));
		}
		return exit;
	}

	/** One journey's job arguments, or null after telling {@code err} what is wrong. */
	private List<String> journeyArguments(PrintWriter err) throws IOException {
		JourneyPlan plan = JourneyPlans.load(journey, err);
		if (plan == null) {
			return null;
		}
		String refusal = RawDrlPolicy.refusal(plan, rawDrl.allowed);
		if (refusal != null) {
			err.println(refusal);
			return null;
		}
		if (refusesLearningSplits(List.of(plan), err)) {
			return null;
		}
		return jobArguments(PlanJson.write(plan), journey.toAbsolutePath().getParent());
	}

	/** Splits that learn their winner need event time: a log replayed or a Kafka topic, not a watched folder nor {@code --clock wall}. */
	private boolean refusesLearningSplits(List<JourneyPlan> plans, PrintWriter err) {
		boolean inEventTime = clock != RunCommand.Clock.WALL && (kafka.eventsTopic != null || log.file != null && Files.isRegularFile(log.file));
		return !inEventTime && AssemblyAdapter.refusesLearningSplits(plans, "the Flink job over a watched folder or by the wall clock"
				+ " (--clock wall)", err);
	}

	/**
	 * A workspace's: every journey of the folder checked and compiled here as {@code run DIR} does
	 * (rules built, models left to the job), their plans in one file and the folder's
	 * {@code itinera.workspace} passed on; or null after telling {@code err} what is wrong.
	 */
	private List<String> workspaceArguments(PrintWriter err) throws IOException {
		try (AssembledWorkspace workspace = AssemblyAdapter.workspace(journey,
				AssemblyAdapter.options(rawDrl.allowed, true, delivery.settings(), err), err)) {
			if (workspace == null || refusesLearningSplits(workspace.plans(), err)) {
				return null;
			}
			workspace.schema(); // refuses two journeys that give one event field different types
			Path folder = journey.toAbsolutePath().normalize();
			List<String> args = jobArguments(workspace.planJson(), folder);
			Path settingsFile = folder.resolve(WorkspaceFile.NAME);
			if (Files.isRegularFile(settingsFile)) {
				args.addAll(List.of("--workspace-file", settingsFile.toString()));
			}
			return args;
		}
	}

	private List<String> jobArguments(String planJson, Path journeyDirectory) throws IOException {
		Path events = log.file;
		String eventsTopic = kafka.eventsTopic;
		String actionsTopic = kafka.actionsTopic;
		Path out = output.folder;
		if ((events == null) == (eventsTopic == null)) {
			throw new IllegalArgumentException("give --events LOG or --kafka HOST:PORT with --events-topic T, not both");
		}
		if (events != null && EventInputOptions.whyNotALog(events) != null) {
			throw new IllegalArgumentException(EventInputOptions.whyNotALog(events));
		}
		if ((eventsTopic != null || actionsTopic != null) && kafka.bootstrap == null) {
			throw new IllegalArgumentException("--events-topic and --actions-topic need --kafka HOST:PORT");
		}
		if (out == null && actionsTopic == null) {
			throw new IllegalArgumentException("give --out DIR or --actions-topic A (or both) for the actions");
		}
		if (parallelism < 1) {
			throw new IllegalArgumentException("--parallelism " + parallelism + ": give at least 1");
		}
		map.columnMapping().perRecord("itinera flink");
		String end = replayEndArgument();
		var settings = driver.settings();
		var deliverySettings = delivery.settings();
		Path planFile = Files.createTempFile("itinera-plan-", ".json");
		planFile.toFile().deleteOnExit();
		Files.writeString(planFile, planJson);
		List<String> args = new ArrayList<>(List.of("--plan", planFile.toString(), "--journey-dir", journeyDirectory.toString(),
				"--parallelism", Integer.toString(parallelism), "--lateness-ms", Long.toString(settings.latenessMillis()),
				"--max-skew-ms", Long.toString(maxSkew.millis()),
				"--score-batch", Integer.toString(settings.scoreBatch()),
				"--score-wait-us", Long.toString(settings.scoreMaxWaitMicros()), "--checkpoint-ms", Long.toString(checkpointMillis),
				"--clock", clock == RunCommand.Clock.WALL ? "wall" : "event",
				"--group-id", kafka.group != null ? kafka.group : DEFAULT_GROUP));
		if (events != null) {
			args.addAll(List.of("--events", events.toAbsolutePath().toString()));
		} else {
			args.addAll(List.of("--events-topic", eventsTopic));
		}
		if (kafka.bootstrap != null) {
			args.addAll(List.of("--kafka", kafka.bootstrap));
		}
		if (erasures != null) {
			args.addAll(List.of("--erasures", erasures.toAbsolutePath().toString()));
		}
		if (erasureTopic != null) {
			args.addAll(List.of("--erasure-topic", erasureTopic));
		}
		if (erasureSalt != null) {
			args.addAll(List.of("--erasure-salt", erasureSalt));
		}
		if (out != null) {
			args.addAll(List.of("--out", out.toAbsolutePath().toString()));
		}
		if (actionsTopic != null) {
			args.addAll(List.of("--actions-topic", actionsTopic, "--dead-letters-topic",
					deadLettersTopic != null ? deadLettersTopic : actionsTopic + "-dead-letters"));
			if (stageChangesTopic != null) {
				args.addAll(List.of("--stage-changes-topic", stageChangesTopic));
			}
		}
		if (map.spec != null) {
			args.addAll(List.of("--map", map.spec));
		}
		args.addAll(List.of("--zone", deliverySettings.defaultZone().getId()));
		for (var cap : deliverySettings.globalCaps()) {
			// the job's machine form: LIMIT/PERIOD_MILLIS/CHANNEL (io.itinera.flink.DeliveryArguments)
			args.addAll(List.of("--global-cap", cap.limit() + "/" + cap.periodMillis() + "/" + (cap.channel() == null ? "ANY" : cap.channel().name())));
		}
		if (end != null) {
			args.addAll(List.of("--end-at", end));
		}
		if (rawDrl.allowed) {
			args.add("--allow-raw-drl");
		}
		if (local) {
			args.add("--local");
		}
		return args;
	}

	/**
	 * The job's own end argument for {@code --to T}: the last instant whose timers fire, just before T (so
	 * a Flink run ends where {@code run --to T} and {@code simulate --to T} do), or {@code none} kept as given.
	 */
	private String replayEndArgument() {
		if (replayEnd.text == null) {
			return null;
		}
		if (replayEnd.text.trim().equalsIgnoreCase("none")) {
			return "none";
		}
		return Instant.ofEpochMilli(replayEnd.millis() - 1).toString();
	}

	/** Where the flink module's build is, and the commands that run its job. */
	static final class FlinkJobFiles {
		static final String JOB_JAR = "itinera-flink-job.jar";
		static final String CLASS_PATH = "flink-classpath.txt";
		static final String MAIN = "io.itinera.flink.JourneyJobRunner";

		private FlinkJobFiles() {
		}

		/** flink/target beside the cli's own build (the launcher runs cli/target/itinera.jar), or -Ditinera.flinkTarget. */
		static Path target() {
			String configured = System.getProperty("itinera.flinkTarget");
			if (configured != null) {
				return Path.of(configured);
			}
			try {
				Path jar = Path.of(FlinkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
				return jar.getParent().getParent().getParent().resolve("flink").resolve("target");
			} catch (Exception e) {
				return Path.of("flink", "target");
			}
		}

		/**
		 * A child JVM with the job's classes and Flink's, or null when the flink module is not built. A
		 * replay of a log of {@code replayBytes} (-1: a live job), which starts, works through it and
		 * ends, gets the client compiler only, as {@code run} has it (the launcher script): C2 spends
		 * more CPU compiling Flink's and the job's code than a replay of minutes gains from it. Its heap
		 * is sized to the log ({@link #replayHeapBytes}), all of it from the start; live jobs keep the
		 * full JIT and the default heap. A replay also gets the class-data archive ({@code classData},
		 * may be null: none).
		 */
		static List<String> localCommand(Path target, long replayBytes, FlinkClassData classData) throws IOException {
			Path classes = target.resolve("classes");
			Path classPath = target.resolve(CLASS_PATH);
			if (!Files.isDirectory(classes) || !Files.isRegularFile(classPath)) {
				return null;
			}
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			List<String> command = new ArrayList<>(List.of(java, "-XX:+UseParallelGC", "-Dai.djl.offline=true",
					"--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"));
			if (replayBytes >= 0) {
				String heap = replayHeapBytes(replayBytes, Runtime.getRuntime().maxMemory()) / MIB + "m";
				// the whole heap from the start: growing it step by step cost more collections and system time
				command.addAll(List.of("-Xss4m", "-XX:TieredStopAtLevel=1", "-Xms" + heap, "-Xmx" + heap));
				if (classData != null) {
					command.addAll(classData.jvmOptions());
				}
			}
			command.addAll(List.of("-cp", classPath(target, classData), MAIN));
			return command;
		}

		/** The job JVM's class path: the module's classes (its jar with a class-data archive) and its dependencies. */
		static String classPath(Path target, FlinkClassData classData) throws IOException {
			Path module = classData != null ? classData.moduleJar() : target.resolve("classes");
			return module + File.pathSeparator + Files.readString(target.resolve(CLASS_PATH)).trim();
		}

		/** The class-data archive of a local replay, or null (no module jar with the current classes, or none can be written). */
		static FlinkClassData classData(Path target) throws IOException {
			Path classPath = target.resolve(CLASS_PATH);
			if (!Files.isRegularFile(classPath)) {
				return null;
			}
			return FlinkClassData.of(target, FlinkClassData.entries(Files.readString(classPath).trim())).orElse(null);
		}

		private static final long MIB = 1024 * 1024;

		/**
		 * The heap of a local replay: 768 MiB (Flink's and the job's own) and two bytes a byte of log
		 * (the customers' state in Flink's heap state, and the decoded ones: 1M events of 100,000
		 * customers, 128 MB, peak 0.8 GB), at most this JVM's own default maximum. Without a bound
		 * the parallel collector grows the heap to a quarter of the machine's memory.
		 */
		static long replayHeapBytes(long logBytes, long defaultMax) {
			long wanted = 768 * MIB + 2 * logBytes;
			return Math.max(768 * MIB, Math.min(wanted, Math.max(defaultMax, 768 * MIB)));
		}

		/** {@code flink run JOB_JAR}, or null without a flink command or a job jar. */
		static List<String> submitCommand(Path target) {
			Path jar = target.resolve(JOB_JAR);
			String home = System.getenv("FLINK_HOME");
			String flink = home != null ? Path.of(home, "bin", "flink").toString() : onPath("flink");
			if (flink == null || !Files.isRegularFile(jar)) {
				return null;
			}
			return new ArrayList<>(List.of(flink, "run", jar.toString()));
		}

		private static String onPath(String name) {
			String path = System.getenv("PATH");
			if (path == null) {
				return null;
			}
			for (String dir : path.split(File.pathSeparator)) {
				Path candidate = Path.of(dir, name);
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
			return null;
		}
	}
}
