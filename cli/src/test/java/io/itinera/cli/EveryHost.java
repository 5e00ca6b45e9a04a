package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.serve.LiveServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One log through every host of the step function, as a user runs each: {@code run} and
 * {@code simulate} (in this JVM), {@code itinera flink --local} (the job on a MiniCluster, in the child
 * JVM the command starts from the flink module's build), {@code run --kafka} (a process reading a topic
 * of an in-process broker, the records keyed by customer) and {@code serve --clock event} (a process the
 * log is posted to over HTTP, in time order), each on the journey's plan from {@code itinera compile}. Each host's actions, stage changes and suppressions,
 * sorted, must be {@code run}'s; the two live hosts never reach the end of a replay, so theirs are
 * {@code run}'s less what it wrote after a customer's last event (the timers only that end fires).
 */
final class EveryHost {
	static final List<String> KINDS = List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES, JsonLinesOutput.SUPPRESSIONS);
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(180);

	/** What each host wrote: host → file name (as {@link #KINDS}) → its lines, sorted. */
	record Outputs(Map<String, Map<String, List<String>>> byHost) {
		List<String> of(String host, String kind) {
			return byHost.get(host).get(kind);
		}
	}

	private EveryHost() {
	}

	/** The in-process Kafka broker of a test class's every-host runs: {@code @RegisterExtension static final EveryHost.Broker BROKER}. */
	static final class Broker implements BeforeAllCallback, AfterAllCallback {
		private InProcessKafka kafka;

		@Override
		public void beforeAll(ExtensionContext context) {
			kafka = InProcessKafka.start();
		}

		@Override
		public void afterAll(ExtensionContext context) {
			if (kafka != null) {
				kafka.close();
			}
		}

		InProcessKafka kafka() {
			return kafka;
		}
	}

	/**
	 * Which hosts run besides {@code run}, {@code simulate}, {@code run --kafka} and {@code serve --clock event}: {@code flink};
	 * {@code splitWeights}: every host's {@value SplitEpochs#FILE} must be {@code run}'s, line for line (a journey with a split
	 * that learns its winner).
	 */
	record Hosts(boolean flink, boolean splitWeights) {
		static final Hosts ALL = new Hosts(true, false);
	}

	/**
	 * Runs {@code log} (JSON Lines, any order of customers) through every host and checks that they
	 * agree; returns what each wrote, {@code run}'s whole, for the test's own checks.
	 */
	static Outputs agree(Path journeyFile, List<String> log, Path dir, InProcessKafka kafka) throws Exception {
		return agree(journeyFile, log, dir, kafka, Hosts.ALL);
	}

	/** {@link #agree(Path, List, Path, InProcessKafka)} on the hosts {@code hosts} names. */
	static Outputs agree(Path journeyFile, List<String> log, Path dir, InProcessKafka kafka, Hosts hosts) throws Exception {
		// every host runs the compiled plan, as itinera compile writes it: the processes start without Xtext
		Path journey = dir.resolve("plan.json");
		InProcessCli.succeeding("compile", journeyFile.toString(), "-o", journey.toString());
		Path logFile = Files.write(dir.resolve("events.jsonl"), log);
		Map<String, Map<String, List<String>>> outputs = new LinkedHashMap<>();
		Path run = dir.resolve("run");
		InProcessCli.succeeding("run", journey.toString(), "--events", logFile.toString(), "--out", run.toString(), "--no-progress");
		outputs.put("run", read(run));
		Path simulate = dir.resolve("simulate");
		InProcessCli.succeeding("simulate", journey.toString(), "--events", logFile.toString(), "--out", simulate.toString(),
				"--no-progress");
		outputs.put("simulate", read(simulate));
		Map<String, List<String>> live = live(outputs.get("run"), log, hosts.splitWeights() ? lastEpochStart(run) : Long.MIN_VALUE);
		List<String> inTimeOrder = inTimeOrder(log);
		ExecutorService processes = Executors.newFixedThreadPool(3); // three processes of their own, at once
		try {
			Path flink = dir.resolve("flink");
			Future<Map<String, List<String>>> flinkJob = !hosts.flink() ? null : processes.submit(() -> {
				InProcessCli.succeeding("flink", journey.toString(), "--events", logFile.toString(), "--out", flink.toString(), "--local",
						"--parallelism", "2", "--checkpoint-ms", "1000");
				return readParts(flink);
			});
			Future<Map<String, List<String>>> kafkaRun = processes.submit(() -> kafka(journey, inTimeOrder, dir.resolve("kafka"), kafka, live));
			Future<Map<String, List<String>>> server = processes.submit(() -> serve(journey, inTimeOrder, dir.resolve("serve"), live));
			if (flinkJob != null) {
				outputs.put("flink", result(flinkJob));
				same(Files.exists(run.resolve(SplitEpochs.FILE)) ? sorted(Files.readAllLines(run.resolve(SplitEpochs.FILE))) : List.of(),
						partLines(flink.resolve("split-weights")), "flink --local's " + SplitEpochs.FILE);
			}
			outputs.put("kafka", result(kafkaRun));
			outputs.put("serve", result(server));
		} finally {
			processes.shutdownNow();
		}

		for (String kind : KINDS) {
			List<String> expected = outputs.get("run").get(kind);
			same(expected, outputs.get("simulate").get(kind), "simulate's " + kind);
			if (hosts.flink()) {
				same(expected, outputs.get("flink").get(kind), "flink --local's " + kind);
			}
			same(live.get(kind), outputs.get("kafka").get(kind), "run --kafka's " + kind + " (run's less the end of its replay)");
			same(live.get(kind), outputs.get("serve").get(kind), "serve --clock event's " + kind + " (run's less the end of its replay)");
		}
		assertFalse(live.get(JsonLinesOutput.ACTIONS).isEmpty(), "the live hosts must send something: the test would prove nothing");
		if (hosts.splitWeights()) {
			List<String> weights = Files.readAllLines(run.resolve(SplitEpochs.FILE));
			assertEquals(weights, Files.readAllLines(simulate.resolve(SplitEpochs.FILE)), "simulate's " + SplitEpochs.FILE);
			assertEquals(weights, Files.readAllLines(dir.resolve("kafka").resolve(SplitEpochs.FILE)), "run --kafka's " + SplitEpochs.FILE);
			assertEquals(weights, Files.readAllLines(dir.resolve("serve").resolve(LiveServer.OUTPUT).resolve(SplitEpochs.FILE)),
					"serve --clock event's " + SplitEpochs.FILE);
			outputs.get("run").put(SplitEpochs.FILE, weights);
		}
		return new Outputs(outputs);
	}

	/** Equal sorted lines, or a failure that names how many differ and the first few of each side. */
	private static void same(List<String> expected, List<String> actual, String what) {
		if (!expected.equals(actual)) {
			List<String> missing = new ArrayList<>(expected);
			actual.forEach(missing::remove);
			List<String> extra = new ArrayList<>(actual);
			expected.forEach(extra::remove);
			fail(what + ": " + actual.size() + " lines where " + expected.size() + " were expected; missing " + missing.size() + " "
					+ missing.stream().limit(3).toList() + ", extra " + extra.size() + " " + extra.stream().limit(3).toList());
		}
	}

	private static <T> T result(Future<T> host) throws Exception {
		try {
			return host.get();
		} catch (ExecutionException e) {
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw e.getCause() instanceof Exception cause ? cause : e;
		}
	}

	/** A process of {@code run --kafka} over a topic of the log (records keyed by customer), stopped once it wrote {@code expected}. */
	private static Map<String, List<String>> kafka(Path journey, List<String> log, Path out, InProcessKafka kafka,
			Map<String, List<String>> expected) throws Exception {
		String topic = "events-" + out.getParent().getFileName();
		kafka.createTopic(topic, 2);
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (String line : log) {
			records.add(new ProducerRecord<>(topic, field(line, "customer"), line));
		}
		kafka.sendAll(topic, records);
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path said = out.resolveSibling("kafka.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				ItineraCommand.class.getName(), "run", journey.toString(), "--kafka", kafka.bootstrapServers(), "--events-topic", topic,
				"--lateness", "0", "--out", out.toString(), "--checkpoint-ms", "500", "--no-progress")
				.redirectErrorStream(true).redirectOutput(said.toFile()).start();
		try {
			awaitOutput(out, expected, process::isAlive, said);
		} finally {
			process.destroy(); // SIGTERM, as Ctrl-C: a last checkpoint, then the summary
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		assertFalse(Files.readString(said).contains("Exception"), Files.readString(said));
		return read(out);
	}

	/** A process of {@code serve --clock event}, the log posted in time order, stopped once it wrote {@code expected}. */
	private static Map<String, List<String>> serve(Path journey, List<String> log, Path state, Map<String, List<String>> expected)
			throws Exception {
		try (ServeProcess server = ServeProcess.start(journey, state, List.of("--clock", "event", "--checkpoint-ms", "500"))) {
			for (int from = 0; from < log.size(); from += 5_000) {
				HttpResponse<String> answer = server.post("/v1/events", "application/x-ndjson",
						String.join("\n", log.subList(from, Math.min(log.size(), from + 5_000))), null);
				assertEquals(200, answer.statusCode(), answer.body());
				assertTrue(answer.body().contains("\"rejected\":0"), answer.body());
			}
			awaitOutput(state.resolve(LiveServer.OUTPUT), expected, server::isAlive, null);
		}
		return read(state.resolve(LiveServer.OUTPUT));
	}

	/** Waits until every output file has at least the expected number of lines (then a little more, for any extra). */
	private static void awaitOutput(Path out, Map<String, List<String>> expected, java.util.function.BooleanSupplier alive, Path said)
			throws Exception {
		long deadline = System.nanoTime() + WAIT_NANOS;
		while (!KINDS.stream().allMatch(kind -> lines(out.resolve(kind)) >= expected.get(kind).size())) {
			assertTrue(alive.getAsBoolean(), () -> "the host stopped by itself" + (said == null ? "" : ":\n" + text(said)));
			if (System.nanoTime() > deadline) {
				return; // the comparison says what is missing
			}
			Thread.sleep(50);
		}
		Thread.sleep(700); // idle now: nothing more may come
	}

	/**
	 * {@code run}'s lines that a live host writes too: live in event time, a customer's timers fire
	 * only when their own later events pass them, and no end of a replay fires the rest.
	 */
	static Map<String, List<String>> live(Map<String, List<String>> run, List<String> log) {
		return live(run, log, Long.MIN_VALUE);
	}

	/**
	 * As {@link #live(Map, List)}, where the live hosts also crossed the epoch boundary {@code everyoneUntil} of a learning
	 * split: every customer's timers before it fired there, as in {@code run}.
	 */
	static Map<String, List<String>> live(Map<String, List<String>> run, List<String> log, long everyoneUntil) {
		Map<String, Instant> lastEvent = new HashMap<>();
		for (String line : log) {
			lastEvent.merge(field(line, "customer"), Instant.parse(field(line, "time")), (a, b) -> a.isAfter(b) ? a : b);
		}
		Map<String, List<String>> live = new LinkedHashMap<>();
		run.forEach((kind, lines) -> live.put(kind, lines.stream()
				.filter(line -> !Instant.parse(field(line, "time")).isAfter(lastEvent.get(field(line, "customer")))
						|| Instant.parse(field(line, "time")).toEpochMilli() < everyoneUntil)
				.collect(Collectors.toList())));
		return live;
	}

	/** The start of the last epoch {@code run} wrote weights for (its latest boundary crossed). */
	private static long lastEpochStart(Path run) throws IOException {
		return Files.readAllLines(run.resolve(SplitEpochs.FILE)).stream().mapToLong(line -> Instant.parse(field(line, "epochStart")).toEpochMilli())
				.max().orElse(Long.MIN_VALUE);
	}

	private static List<String> inTimeOrder(List<String> log) {
		return log.stream().sorted(Comparator.comparing((String line) -> Instant.parse(field(line, "time")))).collect(Collectors.toList());
	}

	private static Map<String, List<String>> read(Path out) throws IOException {
		Map<String, List<String>> files = new LinkedHashMap<>();
		for (String kind : KINDS) {
			Path file = out.resolve(kind);
			files.put(kind, Files.exists(file) ? sorted(Files.readAllLines(file)) : List.of());
		}
		return files;
	}

	/** The Flink job's part files, per kind ({@code actions/}, …), as one sorted list. */
	static Map<String, List<String>> readParts(Path out) throws IOException {
		Map<String, List<String>> files = new LinkedHashMap<>();
		for (String kind : KINDS) {
			files.put(kind, partLines(out.resolve(kind.substring(0, kind.length() - ".jsonl".length()))));
		}
		return files;
	}

	/** The lines of the part files in one of the job's output folders, sorted. */
	static List<String> partLines(Path folder) throws IOException {
		List<String> lines = new ArrayList<>();
		if (Files.isDirectory(folder)) {
			try (Stream<Path> parts = Files.walk(folder)) {
				for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
					lines.addAll(Files.readAllLines(part));
				}
			}
		}
		return sorted(lines);
	}

	private static List<String> sorted(List<String> lines) {
		return lines.stream().filter(line -> !line.isBlank()).sorted().collect(Collectors.toList());
	}

	private static long lines(Path file) {
		try {
			return Files.exists(file) ? Files.readAllLines(file).size() : 0;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String text(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			return e.toString();
		}
	}

	/** A field of a JSON line as text; null where it is absent or null. */
	static String field(String line, String name) {
		try {
			JsonNode node = JSON.readTree(line).get(name);
			return node == null || node.isNull() ? null : node.asText();
		} catch (IOException e) {
			throw new AssertionError("not JSON: " + line, e);
		}
	}
}
