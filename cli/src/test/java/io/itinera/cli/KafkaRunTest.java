package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera run --kafka} as a real process against an in-process Kafka broker: the same log
 * as a file and as a topic gives the same actions and stage changes (but for the end of the
 * replay, which a live topic never has), bad records become dead letters, and a run killed
 * mid-stream and started again writes every action exactly once, to its file and to its topic —
 * for one journey and for a workspace folder (the sample {@code journeys/workspace}).
 */
class KafkaRunTest {
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	static Path dir;
	static InProcessKafka kafka;
	static Path plan;
	static final Path WORKSPACE = Path.of("..", "journeys", "workspace").toAbsolutePath().normalize();
	static List<String> log;
	static Path logFile;
	/** The file run's output, less what only the end of the replay fires. */
	static List<String> expectedActions;
	static List<String> expectedChanges;
	static int fileRunActions;

	@BeforeAll
	static void startKafkaAndRunTheFile() throws IOException, URISyntaxException, InterruptedException {
		kafka = InProcessKafka.start();
		Path journey = Path.of(KafkaRunTest.class.getResource("/restart.journey").toURI());
		plan = dir.resolve("plan.json");
		assertEquals(0, ItineraCommand.commandLine().execute("compile", journey.toString(), "-o", plan.toString()));
		StringWriter text = new StringWriter();
		new SyntheticEventLog(8_000, 600, 5, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 10, true).write(text);
		log = text.toString().lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
		logFile = dir.resolve("events.jsonl");
		Files.write(logFile, log);

		Path out = dir.resolve("file-run");
		finish(run(plan, out, "--events", logFile.toString()));
		expectedActions = live(out.resolve(JsonLinesOutput.ACTIONS));
		expectedChanges = live(out.resolve(JsonLinesOutput.STAGE_CHANGES));
		fileRunActions = Files.readAllLines(out.resolve(JsonLinesOutput.ACTIONS)).size();
		assertTrue(expectedActions.size() > 50, "the log must make actions: " + expectedActions.size());
		assertTrue(expectedActions.size() < fileRunActions, "the end of the file's replay must fire timers");
	}

	/**
	 * The lines of a file run's output that a live run gives too, sorted: live, a customer's timers
	 * fire only when their own later events pass them; the file run also fires, at its end, every
	 * timer due by the last event of the whole log.
	 */
	private static List<String> live(Path output) throws IOException {
		Map<String, Instant> lastEvent = new HashMap<>();
		for (String line : log) {
			JsonNode event = readTree(line);
			lastEvent.merge(event.get("customer").asText(), Instant.parse(event.get("time").asText()),
					(a, b) -> a.isAfter(b) ? a : b);
		}
		Predicate<String> beforeTheEndOfTheReplay = line -> {
			JsonNode record = readTree(line);
			return !Instant.parse(record.get("time").asText()).isAfter(lastEvent.get(record.get("customer").asText()));
		};
		return sorted(Files.readAllLines(output).stream().filter(beforeTheEndOfTheReplay).collect(Collectors.toList()));
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void aTopicGivesWhatTheFileGivesBadRecordsBecomeDeadLettersAndTheEndIsNeverReplayed() throws Exception {
		kafka.createTopic("events-same", 3);
		List<ProducerRecord<String, String>> records = byCustomer("events-same", log);
		records.add(records.size() / 2, new ProducerRecord<>("events-same", 0, "x", "{\"customer\": \"broken"));
		records.add(new ProducerRecord<>("events-same", 1, "y", "not json at all"));
		kafka.sendAll("events-same", records);

		Path out = dir.resolve("kafka-same");
		Process process = run(plan, out, "--kafka", kafka.bootstrapServers(), "--events-topic", "events-same").start();
		awaitLines(process, out.resolve(JsonLinesOutput.STAGE_CHANGES), expectedChanges.size());
		// idle now: nothing more may come, however long it stays idle
		Thread.sleep(1_500);
		String said = stop(process, out);
		assertTrue(said.contains("Stopped after record 8,002; run the same command to continue."), said);

		assertEquals(expectedActions, sorted(Files.readAllLines(out.resolve(JsonLinesOutput.ACTIONS))));
		assertEquals(expectedChanges, sorted(Files.readAllLines(out.resolve(JsonLinesOutput.STAGE_CHANGES))));
		List<String> deadLetters = Files.readAllLines(out.resolve(JsonLinesOutput.DEAD_LETTERS));
		assertEquals(2, deadLetters.size(), String.join("\n", deadLetters));
		assertTrue(deadLetters.stream().anyMatch(line -> line.contains("events-same partition 0 offset ")
				&& line.contains("not valid JSON")), deadLetters.get(0));
		assertTrue(deadLetters.stream().anyMatch(line -> line.contains("events-same partition 1 offset ")), deadLetters.get(1));
	}

	@Test
	void aRunKilledMidStreamAndStartedAgainWritesEveryActionOnceToItsFileAndItsTopic() throws Exception {
		killMidStreamAndRestart(plan, "kill", expectedActions, expectedChanges);
	}

	@Test
	void aWorkspaceRunKilledMidStreamAndStartedAgainWritesEveryActionOnceToItsFileAndItsTopic() throws Exception {
		Path fileRun = dir.resolve("workspace-file-run");
		finish(run(WORKSPACE, fileRun, "--events", logFile.toString()));
		List<String> actions = live(fileRun.resolve(JsonLinesOutput.ACTIONS));
		assertTrue(actions.size() > 50, "the workspace must act on the log: " + actions.size());
		assertTrue(actions.stream().map(action -> readTree(action).get("journey").asText()).distinct().count() > 1,
				"actions of several journeys");
		killMidStreamAndRestart(WORKSPACE, "workspace-kill", actions, live(fileRun.resolve(JsonLinesOutput.STAGE_CHANGES)));
	}

	/**
	 * Half the log on a topic, a run of {@code target} that is killed (SIGKILL) after its first
	 * actions while more records arrive, the rest of the log, a second run of the same command: its
	 * file and its actions topic hold every expected action exactly once.
	 */
	private static void killMidStreamAndRestart(Path target, String name, List<String> expectedActions,
			List<String> expectedChanges) throws Exception {
		String eventsTopic = "events-" + name;
		String actionsTopic = "actions-" + name;
		kafka.createTopic(eventsTopic, 2);
		// action records carry the actions' times, months ago: without this, time retention deletes them
		kafka.createTopics(List.of(actionsTopic), 2, Map.of("retention.ms", "-1"));
		List<ProducerRecord<String, String>> records = byCustomer(eventsTopic, log);
		int half = records.size() / 2;
		kafka.sendAll(eventsTopic, records.subList(0, half));

		Path out = dir.resolve("kafka-" + name);
		String[] kafkaArgs = { "--kafka", kafka.bootstrapServers(), "--events-topic", eventsTopic, "--actions-topic",
				actionsTopic };
		Process first = run(target, out, kafkaArgs).start();
		Path actions = out.resolve(JsonLinesOutput.ACTIONS);
		awaitLines(first, actions, 20);
		kafka.sendAll(eventsTopic, records.subList(half, records.size() - half / 2));
		Thread.sleep(300);
		first.destroyForcibly();
		assertTrue(first.waitFor(30, TimeUnit.SECONDS));
		int atKill = Files.readAllLines(actions).size();
		assertTrue(atKill < expectedActions.size(), "killed mid-stream: " + atKill + " of " + expectedActions.size());

		kafka.sendAll(eventsTopic, records.subList(records.size() - half / 2, records.size()));
		Process second = run(target, out, kafkaArgs).start();
		awaitLines(second, out.resolve(JsonLinesOutput.STAGE_CHANGES), expectedChanges.size());
		Thread.sleep(500);
		stop(second, out);

		List<String> written = Files.readAllLines(actions);
		assertEquals(expectedActions, sorted(written), "the action file after a kill and a restart");
		assertEquals(expectedChanges, sorted(Files.readAllLines(out.resolve(JsonLinesOutput.STAGE_CHANGES))));
		List<String> inTopic = kafka.readCommittedValues(actionsTopic);
		Set<String> ids = new HashSet<>();
		for (String action : inTopic) {
			String id = readTree(action).get("id").asText();
			assertTrue(ids.add(id), "action " + id + " is twice in the topic");
		}
		Set<String> missing = new java.util.TreeSet<>(expectedActions);
		inTopic.forEach(missing::remove);
		Set<String> extra = new java.util.TreeSet<>(inTopic);
		expectedActions.forEach(extra::remove);
		assertTrue(missing.isEmpty() && extra.isEmpty(), "the actions topic after a kill and a restart: " + inTopic.size() + " of "
				+ expectedActions.size() + ", missing " + missing.size() + " " + cut(missing) + ", extra " + extra.size() + " " + cut(extra));
	}

	/** The log as records keyed by customer: each customer's events stay in order in one partition. */
	private static List<ProducerRecord<String, String>> byCustomer(String topic, List<String> lines) {
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (String line : lines) {
			records.add(new ProducerRecord<>(topic, readTree(line).get("customer").asText(), line));
		}
		return records;
	}

	private static ProcessBuilder run(Path target, Path out, String... input) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, ItineraCommand.class.getName(), "run", target.toString()));
		command.addAll(List.of(input));
		command.addAll(List.of("--out", out.toString(), "--workers", "2", "--checkpoint-ms", "300", "--lateness", "0",
				"--map", "type.favourite=-", "--no-progress"));
		return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".log").toFile()));
	}

	private static void finish(ProcessBuilder builder) throws IOException, InterruptedException {
		Process process = builder.start();
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "run did not finish");
		assertEquals(0, process.exitValue(), Files.readString(builder.redirectOutput().file().toPath()));
	}

	/** Waits until {@code file} has at least {@code lines} lines; fails if the run ends first. */
	private static void awaitLines(Process process, Path file, int lines) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
			assertTrue(process.isAlive(), "the run ended by itself");
			assertTrue(System.nanoTime() < deadline, "waited 90 s for " + lines + " lines in " + file);
			Thread.sleep(50);
		}
	}

	/** SIGTERM, as Ctrl-C: the run writes a checkpoint and says where it stopped. */
	private static String stop(Process process, Path out) throws IOException, InterruptedException {
		assertTrue(process.isAlive(), "a live run does not end by itself");
		process.destroy();
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "a stopped run ends");
		String said = Files.readString(out.resolveSibling(out.getFileName() + ".log"));
		assertFalse(said.contains("Exception"), said);
		return said;
	}

	private static String cut(Set<String> lines) {
		return lines.stream().limit(3).collect(Collectors.joining("\n"));
	}

	private static List<String> sorted(List<String> lines) {
		return lines.stream().sorted().collect(Collectors.toList());
	}

	private static JsonNode readTree(String line) {
		try {
			return JSON.readTree(line);
		} catch (IOException e) {
			throw new AssertionError("not JSON: " + line, e);
		}
	}
}
