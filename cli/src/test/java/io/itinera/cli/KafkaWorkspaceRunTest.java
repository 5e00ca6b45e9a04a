package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera run DIR --kafka}: a workspace over a topic, killed (SIGKILL) mid-stream and started
 * again, writes the same actions as {@code run DIR} over the log as a file, each once to its file
 * and once to the actions topic (read committed). The journeys act on events only, so the live run
 * is the replay.
 */
class KafkaWorkspaceRunTest {
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	@Test
	void aWorkspaceOverATopicKilledAndStartedAgainWritesEveryActionOnce() throws Exception {
		Path workspace = ServeWorkspaceTest.eventOnlyWorkspace(dir.resolve("shop"));
		long start = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
		List<String> log = new ArrayList<>();
		for (int c = 0; c < 1_500; c++) {
			Instant at = Instant.ofEpochMilli(start + c * 1_000L);
			log.add(line("c" + c, at, "signup", ",\"plan\":\"pro\""));
			if (c % 2 == 0) {
				log.add(line("c" + c, at.plusSeconds(5), "purchase", ",\"orderId\":\"o-" + c + "\",\"amount\":" + (10 + c % 50)));
			}
			if (c % 3 == 0) {
				log.add(line("c" + c, at.plusSeconds(90_000), "purchase", ",\"orderId\":\"p-" + c + "\",\"amount\":5"));
			}
		}
		Path file = dir.resolve("events.jsonl");
		Files.write(file, log);
		Path fileOut = dir.resolve("file-run");
		InProcessCli.succeeding("run", workspace.toString(), "--events", file.toString(), "--out", fileOut.toString(),
				"--no-progress");
		List<String> expected = sorted(Files.readAllLines(fileOut.resolve(JsonLinesOutput.ACTIONS)));
		assertTrue(expected.size() > 1_000, "actions: " + expected.size());

		try (InProcessKafka kafka = InProcessKafka.start()) {
			kafka.createTopic("shop-events", 2);
			kafka.createTopics(List.of("shop-actions"), 2, Map.of("retention.ms", "-1"));
			List<ProducerRecord<String, String>> records = new ArrayList<>();
			for (String event : log) {
				records.add(new ProducerRecord<>("shop-events", JSON.readTree(event).get("customer").asText(), event));
			}
			int half = records.size() / 2;
			kafka.sendAll("shop-events", records.subList(0, half));
			Path out = dir.resolve("kafka-run");
			String[] args = { "--kafka", kafka.bootstrapServers(), "--events-topic", "shop-events", "--actions-topic", "shop-actions" };
			Process first = run(workspace, out, args);
			Path actions = out.resolve(JsonLinesOutput.ACTIONS);
			awaitLines(first, actions, 20);
			kafka.sendAll("shop-events", records.subList(half, records.size() - half / 2));
			Thread.sleep(200);
			first.destroyForcibly();
			assertTrue(first.waitFor(30, TimeUnit.SECONDS));
			int atKill = Files.readAllLines(actions).size();
			assertTrue(atKill < expected.size(), "killed mid-stream: " + atKill + " of " + expected.size());

			kafka.sendAll("shop-events", records.subList(records.size() - half / 2, records.size()));
			Process second = run(workspace, out, args);
			awaitLines(second, actions, expected.size());
			Thread.sleep(500);
			second.destroy();
			assertTrue(second.waitFor(60, TimeUnit.SECONDS));

			assertEquals(expected, sorted(Files.readAllLines(actions)), "the action file after a kill and a restart");
			List<String> inTopic = kafka.readCommittedValues("shop-actions");
			Set<String> ids = new HashSet<>();
			for (String action : inTopic) {
				assertTrue(ids.add(JSON.readTree(action).get("id").asText()), "twice in the topic: " + action);
			}
			assertEquals(expected, sorted(inTopic), "the actions topic after a kill and a restart");
		}
	}

	private static String line(String customer, Instant at, String type, String fields) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + at + "\",\"type\":\"" + type + "\"" + fields + "}";
	}

	private static Process run(Path workspace, Path out, String... input) throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, ItineraCommand.class.getName(), "run", workspace.toString()));
		command.addAll(List.of(input));
		command.addAll(List.of("--out", out.toString(), "--workers", "2", "--checkpoint-ms", "300", "--lateness", "0", "--no-progress"));
		return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".log").toFile())).start();
	}

	private static void awaitLines(Process process, Path file, int lines) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
			assertTrue(process.isAlive(), "the run ended by itself");
			assertTrue(System.nanoTime() < deadline, "waited 120 s for " + lines + " lines in " + file);
			Thread.sleep(50);
		}
	}

	private static List<String> sorted(List<String> lines) {
		return lines.stream().sorted().toList();
	}
}
