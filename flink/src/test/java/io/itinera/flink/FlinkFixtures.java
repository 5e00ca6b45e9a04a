package io.itinera.flink;

import com.google.inject.Injector;
import io.itinera.dsl.JourneyStandaloneSetup;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.SourceLocation;
import java.time.ZoneId;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.ReadOptions;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.replay.FileReplay;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.InMemoryStateStore;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;

/** The sample cart-recovery journey (real Drools rules, the real ONNX model), synthetic logs, and the local engine's answer. */
final class FlinkFixtures {
	static final Path JOURNEYS = Path.of("..", "journeys").toAbsolutePath().normalize();
	static final Path CART_RECOVERY = JOURNEYS.resolve("cart-recovery.journey");
	/** The synthetic log's favourites are not the journey's events: skipped, as a user would map them. */
	static final String MAPPING = "type.favourite=-";

	/** One task manager with two slots: room for a job at parallelism 2. */
	static MiniClusterExtension miniCluster() {
		return new MiniClusterExtension(
				new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
	}
	private static JourneyPlan cartRecovery;

	private FlinkFixtures() {
	}

	static synchronized JourneyPlan cartRecovery() {
		if (cartRecovery == null) {
			cartRecovery = compile(CART_RECOVERY);
		}
		return cartRecovery;
	}

	/** A journey file's plan, as the CLI compiles it. */
	static JourneyPlan compile(Path file) {
		Injector injector = new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
		Journey journey = (Journey) resources.getResource(URI.createFileURI(file.toString()), true).getContents().get(0);
		return new JourneyCompiler().compile(journey);
	}

	/** Host-wide delivery settings both hosts get: quiet hours in Berlin for customers without a zone, one push a day. */
	static final DeliverySettings DELIVERY = new DeliverySettings(ZoneId.of("Europe/Berlin"),
			List.of(new Cap(1, 86_400_000L, Channel.PUSH, SourceLocation.UNKNOWN)));

	static JobSettings settings() {
		return JobSettings.of(PlanJson.write(cartRecovery()), JOURNEYS.toString()).withScoring(64, 2_000)
				.withDelivery(DELIVERY.defaultZone().getId(), DELIVERY.globalCaps().stream().map(DeliveryArguments::cap).toList());
	}

	/** A seeded shop log in JSON Lines, in event-time order. */
	static Path log(Path directory, String name, long events, int customers, long seed) throws IOException {
		Path log = directory.resolve(name);
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(events, customers, seed, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 5, true).write(out);
		}
		return log;
	}

	/** The latest event time of a log: where a replay ends. */
	static long latestEventTime(Path log) throws IOException {
		return ReplayInput.latestEventTime(List.of(log.toString()), EventSchema.of(cartRecovery()), MAPPING);
	}

	/** The local engine's output over {@code log} (2 workers, in-memory state). */
	static Path localRun(Path log, Path out) throws IOException {
		return localRun(log, out, null);
	}

	/** {@link #localRun(Path, Path)} ending the replay at {@code end} (epoch ms, as {@code run --to}), or at the log's end. */
	static Path localRun(Path log, Path out, Long end) throws IOException {
		return localRun(EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(MAPPING), null, ',', EventSchema.of(cartRecovery())),
				out, end);
	}

	/** The local engine's output over {@code log} read as {@code run} reads a log file: a first pass, then in order or sorted. */
	static Path localReplay(Path log, Path out) throws IOException {
		FileReplay replay = FileReplay.open((window, firstPass) -> EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(MAPPING), null,
				',', EventSchema.of(cartRecovery()), new ReadOptions(window, null, firstPass)), TimeWindow.startingNow(),
				new FileReplay.Settings(DriverSettings.DEFAULT_LATENESS_MILLIS, TimeWindow.DEFAULT_MAX_SKEW.toMillis(), true,
						out.resolve(".sorted-log")));
		return localRun(replay, out, null);
	}

	private static Path localRun(EventSource log, Path out, Long end) throws IOException {
		JourneyPlan plan = cartRecovery();
		try (AssembledJourney journey = RuntimeAssembly.journey(plan, JOURNEYS.resolve(plan.name() + ".journey"),
				AssemblyOptions.DEFAULT.withDelivery(DELIVERY)); EventSource source = log; JsonLinesOutput output = new JsonLinesOutput(out)) {
			new LocalEngine(journey::newStep, journey.scorer(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay().withScoring(64, 2_000))
							.withReplayEnd(end)).run(source);
		}
		return out;
	}

	/** Without Kryo, with checkpoints often (the FileSink commits on them) and unaligned. */
	static Configuration jobConfiguration() {
		Configuration config = new Configuration();
		JourneyJobRunner.configure(config, 300);
		return config;
	}

	/** {@link #jobConfiguration()} for a job a test fails once: three restarts, 200 ms apart. */
	static Configuration restartingJobConfiguration() {
		Configuration config = jobConfiguration();
		config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
		config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
		config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(200));
		return config;
	}

	/** Every line of one kind of the job's output, sorted (part files carry no order between them). */
	static List<String> sortedLines(Path directory, String kind) throws IOException {
		List<String> lines = new ArrayList<>();
		Path folder = directory.resolve(kind);
		if (!Files.isDirectory(folder)) {
			return lines;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).toList()) {
				lines.addAll(Files.readAllLines(file));
			}
		}
		lines.sort(null);
		return lines;
	}

	static List<String> sorted(Path file) throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		lines.sort(null);
		return lines;
	}

	/** Writes each line to its customer's partition of {@code topic} (by the id's hash), as a producer keyed by customer would. */
	static void sendByCustomer(InProcessKafka kafka, String topic, List<String> lines, int partitions) {
		List<List<String>> byPartition = new ArrayList<>();
		for (int p = 0; p < partitions; p++) {
			byPartition.add(new ArrayList<>());
		}
		for (String line : lines) {
			byPartition.get(Math.floorMod(line.replaceAll(".*\"customer\":\"([^\"]+)\".*", "$1").hashCode(), partitions)).add(line);
		}
		for (int p = 0; p < partitions; p++) {
			kafka.sendValues(topic, p, byPartition.get(p));
		}
	}

	/** The time in a JSON line's {@code field}. */
	static Instant time(String json, String field) {
		return Instant.parse(json.replaceAll(".*\"" + field + "\":\"([^\"]+)\".*", "$1"));
	}

	/** The JSON lines whose time in {@code field} is before {@code cutoff}, sorted. */
	static List<String> before(Instant cutoff, List<String> records, String field) {
		return records.stream().filter(record -> time(record, field).isBefore(cutoff)).sorted().toList();
	}
}
