package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a Flink cluster of separate processes ({@code flink/cluster/itinera-cluster}: one
 * JobManager and two TaskManagers, RocksDB with incremental checkpoints), submitted with Flink's
 * client from the job jar, between an in-process Kafka broker's topics. While events arrive, a
 * TaskManager running part of the job is killed with SIGKILL and a new one started; every action
 * the local engine decides over the same events is then on the actions topic exactly once (read
 * committed). The job is stopped with a savepoint and resumed at parallelism 3 (from 2) with the
 * rest of the events: again every action once, none lost. Prints the recovery time.
 *
 * <p>Slow (four JVMs start), so behind a flag; the cluster's logs stay in {@code target/cluster-test/log}.
 * The job jar must be built first:
 * {@code mvn -B -o -pl flink -am package -DskipTests} then
 * {@code mvn -B -o -pl flink -am test -Dtest=FlinkClusterTest -Ditinera.cluster=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "itinera.cluster", matches = "true")
class FlinkClusterTest {
	private static final Path JOB_JAR = Path.of("target", "itinera-flink-job.jar").toAbsolutePath();
	/** The cluster's config, logs, checkpoints and savepoints: kept after the test to look at. */
	private static final Path CLUSTER_FOLDER = Path.of("target", "cluster-test").toAbsolutePath();
	/** Events sent per tick while the TaskManager is killed: the job is mid-stream, not idle. */
	private static final int EVENTS_PER_TICK = 25;
	private static final long TICK_MILLIS = 200;

	@TempDir
	Path dir;

	@Test
	void aTaskManagerKilledMidJobAndARescaleFromTwoToThreeLoseNoActionAndRepeatNone() throws Exception {
		assertTrue(Files.isRegularFile(JOB_JAR), "build the job jar first: mvn -B -o -pl flink -am package -DskipTests");
		Path log = FlinkFixtures.log(dir, "events.jsonl", 6_000, 400, 27);
		Path local = FlinkFixtures.localRun(log, dir.resolve("local"));
		List<String> actions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		Path plan = Files.writeString(dir.resolve("plan.json"), PlanJson.write(FlinkFixtures.cartRecovery()));
		List<String> lines = Files.readAllLines(log);
		List<String> first = lines.subList(0, lines.size() * 2 / 3);
		List<String> rest = lines.subList(first.size(), lines.size());
		// Timers after the last event's time less the lateness need the end of the input, which a topic has not.
		Instant firstCutoff = eventTime(first.get(first.size() - 1)).minus(Duration.ofHours(6));
		Instant lastCutoff = eventTime(lines.get(lines.size() - 1)).minus(Duration.ofHours(6));
		List<String> expectedFirst = before(actions, firstCutoff);
		List<String> expectedAll = before(actions, lastCutoff);
		assertTrue(expectedFirst.size() > 20 && expectedAll.size() > expectedFirst.size(), "enough actions to matter: " + expectedFirst.size());

		try (InProcessKafka kafka = InProcessKafka.start(); FlinkClusterProcesses cluster = FlinkClusterProcesses.start(CLUSTER_FOLDER, 2);
				ActionsWatcher committed = new ActionsWatcher(kafka, "actions")) {
			// More partitions than subtasks: each source subtask reads several, and resumes from a backlog after the
			// savepoint, on per-partition watermarks (a watermark per subtask would run ahead of its other partitions).
			kafka.createTopic("events", 6);
			// Actions carry their (March) event times: without this, time retention deletes them as they land.
			kafka.createTopics(List.of("actions", "dead-letters"), 3, Map.of("retention.ms", "-1"));

			String job = cluster.submit(jobArguments(kafka, plan, 2));
			cluster.awaitAllRunning(job, 2);
			committed.start();
			Thread producer = new Thread(() -> sendPaced(kafka, first), "paced-events");
			producer.start();
			waitFor("the first committed actions", () -> !committed.values().isEmpty());
			assertTrue(producer.isAlive(), "events still arrive when the TaskManager is killed");

			String victim = cluster.taskManagerRunningTasks();
			long restarts = cluster.restarts(job);
			int before = committed.values().size();
			long killed = System.nanoTime();
			cluster.kill(victim);
			cluster.startTaskManager("tm3");
			long running = cluster.awaitRecovered(job, 2, restarts);
			// Not sooner: the surviving TaskManager may still commit a checkpoint completed before the kill.
			long firstNewOutput = committed.firstArrivalAfter(running, before);
			producer.join();
			waitFor("every action before the cutoff", () -> missing(expectedFirst, committed.values()));
			assertEquals(expectedFirst, before(readCommitted(kafka), firstCutoff));
			assertNoDuplicates(readCommitted(kafka));
			System.out.printf(Locale.ROOT, "FlinkClusterTest: %s killed (SIGKILL) mid-job; every task RUNNING again after %.1f s, the first "
					+ "action committed after that %.1f s after the kill (checkpoints every 1 s)%n", victim, (running - killed) / 1e9, (firstNewOutput - killed) / 1e9);

			String savepoint = cluster.stopWithSavepoint(job);
			kafka.sendAll("events", records(rest));
			String rescaled = cluster.submit(withSavepoint(savepoint, jobArguments(kafka, plan, 3)));
			waitFor("every action of the whole log before its cutoff", () -> missing(expectedAll, committed.values()));
			List<String> all = readCommitted(kafka);
			assertEquals(expectedAll, before(all, lastCutoff));
			assertNoDuplicates(all);
			assertEquals(List.of(), kafka.readCommitted("dead-letters"), "no bad line");
			assertEquals(List.of(3), cluster.parallelisms(rescaled), "every operator at parallelism 3");
			System.out.printf(Locale.ROOT, "FlinkClusterTest: savepoint %s resumed at parallelism 3: %,d actions, each once%n", savepoint, all.size());
			cluster.cancel(rescaled);
		}
	}

	/** The job's arguments as {@code flink run} takes them, with this test's delivery settings (FlinkFixtures'). */
	private static List<String> jobArguments(InProcessKafka kafka, Path plan, int parallelism) {
		List<String> arguments = new ArrayList<>(List.of("-d", "-p", Integer.toString(parallelism), JOB_JAR.toString(), "--plan", plan.toString(),
				"--journey-dir", FlinkFixtures.JOURNEYS.toString(), "--kafka", kafka.bootstrapServers(), "--events-topic", "events",
				"--group-id", "cluster-test", "--actions-topic", "actions", "--dead-letters-topic", "dead-letters", "--parallelism",
				Integer.toString(parallelism), "--checkpoint-ms", "1000", "--map", FlinkFixtures.MAPPING, "--score-batch", "64", "--zone",
				FlinkFixtures.DELIVERY.defaultZone().getId()));
		FlinkFixtures.DELIVERY.globalCaps().forEach(cap -> arguments.addAll(List.of("--global-cap", DeliveryArguments.cap(cap))));
		return arguments;
	}

	private static List<String> withSavepoint(String savepoint, List<String> arguments) {
		List<String> resumed = new ArrayList<>(List.of("-s", savepoint));
		resumed.addAll(arguments);
		return resumed;
	}

	private static void sendPaced(InProcessKafka kafka, List<String> lines) {
		try (KafkaProducer<String, String> producer = kafka.producer()) {
			for (int i = 0; i < lines.size(); i += EVENTS_PER_TICK) {
				records(lines.subList(i, Math.min(lines.size(), i + EVENTS_PER_TICK))).forEach(producer::send);
				producer.flush();
				Thread.sleep(TICK_MILLIS);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<ProducerRecord<String, String>> records(List<String> lines) {
		return lines.stream().map(line -> new ProducerRecord<>("events", line.replaceAll(".*\"customer\":\"([^\"]+)\".*", "$1"), line)).toList();
	}

	private static List<String> readCommitted(InProcessKafka kafka) {
		return kafka.readCommittedValues("actions");
	}

	private static List<String> before(List<String> actions, Instant cutoff) {
		return actions.stream().filter(a -> eventTime(a).isBefore(cutoff)).sorted().toList();
	}

	/** A check's message: how many expected actions are not committed yet, and the first of them; null when none. */
	private static String missing(List<String> expected, List<String> committed) {
		List<String> missing = new ArrayList<>(expected);
		missing.removeAll(new HashSet<>(committed));
		return missing.isEmpty() ? null : missing.size() + " of " + expected.size() + " actions not committed, the first: " + missing.get(0);
	}

	private static void assertNoDuplicates(List<String> actions) {
		assertEquals(actions.size(), new HashSet<>(actions).size(), "no action committed twice");
	}

	private static Instant eventTime(String json) {
		return Instant.parse(json.replaceAll(".*\"time\":\"([^\"]+)\".*", "$1"));
	}

	interface Check {
		boolean holds() throws Exception;
	}

	/** What is still missing, or null when nothing is. */
	interface Progress {
		String missing() throws Exception;
	}

	static void waitFor(String what, Check check) throws Exception {
		waitFor(what, () -> check.holds() ? null : "");
	}

	static void waitFor(String what, Progress progress) throws Exception {
		long deadline = System.nanoTime() + 300_000_000_000L;
		for (String missing = progress.missing(); missing != null; missing = progress.missing()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what + (missing.isEmpty() ? "" : ": " + missing));
			}
			Thread.sleep(100);
		}
	}
}
