package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result never depends on the order of the log's lines: one log in four orders (time-sorted,
 * grouped by customer, customers' blocks shuffled, and every customer's own lines shuffled, which
 * {@code run} and {@code simulate} read sorted) through {@code run} with one and two workers, through
 * a {@code run} killed and resumed, and through {@code simulate}, all with the default options, gives
 * the same actions, stage changes and suppressions every time.
 */
class LogOrderEquivalenceTest {
	static final Path JOURNEY = Path.of("..", "journeys", "cart-recovery.journey");

	@TempDir
	static Path dir;
	static Map<String, Path> logs = new LinkedHashMap<>();
	static String header;

	@BeforeAll
	static void writeTheLogInFourOrders() throws IOException {
		Path generated = dir.resolve("generated.csv");
		try (Writer out = Files.newBufferedWriter(generated)) {
			new SyntheticEventLog(16_000, 1_500, 23, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 20, false).write(out);
		}
		List<String> lines = Files.readAllLines(generated);
		header = lines.get(0);
		List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
		List<String> byTime = new ArrayList<>(rows);
		byTime.sort(Comparator.comparing(LogOrderEquivalenceTest::time));
		Map<String, List<String>> blocks = new LinkedHashMap<>();
		for (String row : rows) {
			blocks.computeIfAbsent(customer(row), c -> new ArrayList<>()).add(row);
		}
		List<String> grouped = blocks.values().stream().flatMap(List::stream).toList();
		List<List<String>> shuffledBlocks = new ArrayList<>(blocks.values());
		Collections.shuffle(shuffledBlocks, new Random(5));
		List<String> shuffled = shuffledBlocks.stream().flatMap(List::stream).toList();
		List<String> withinCustomers = new ArrayList<>();
		Random random = new Random(11);
		for (List<String> block : shuffledBlocks) {
			List<String> own = new ArrayList<>(block);
			Collections.shuffle(own, random);
			withinCustomers.addAll(own);
		}
		assertTrue(!grouped.equals(byTime) && !shuffled.equals(grouped) && !withinCustomers.equals(shuffled), "four different orders");
		logs.put("time-sorted", write("time-sorted.csv", byTime));
		logs.put("grouped", write("grouped.csv", grouped));
		logs.put("shuffled", write("shuffled.csv", shuffled));
		logs.put("own-lines-shuffled", write("own-lines-shuffled.csv", withinCustomers));
	}

	@Test
	void runAndSimulateAgreeInEveryOrder() throws Exception {
		Outcome expected = null;
		String expectedFrom = null;
		for (Map.Entry<String, Path> log : logs.entrySet()) {
			for (String workers : List.of("1", "2")) {
				Path out = dir.resolve("run-" + log.getKey() + "-" + workers);
				InProcessCli.succeedingTranscript("run", JOURNEY.toString(), "--events", log.getValue().toString(), "--out", out.toString(), "--workers",
						workers, "--map", "type.favourite=-", "--no-progress");
				Outcome outcome = Outcome.of(out);
				assertNoDeadLetters(out);
				if (expected == null) {
					expected = outcome;
					expectedFrom = out.getFileName().toString();
					assertTrue(outcome.actions().size() > 50 && outcome.stageChanges().size() > 1_000
							&& outcome.suppressions().size() > 50, "the journey acts: " + outcome.actions().size() + " actions");
				} else {
					expected.assertSameAs(outcome, expectedFrom, out.getFileName().toString());
				}
			}
			Path simulated = dir.resolve("simulate-" + log.getKey());
			InProcessCli.succeedingTranscript("simulate", JOURNEY.toString(), "--events", log.getValue().toString(), "--out", simulated.toString(),
					"--map", "type.favourite=-", "--no-progress");
			expected.assertSameAs(Outcome.of(simulated), expectedFrom, simulated.getFileName().toString());
			assertNoDeadLetters(simulated);
		}
	}

	/** No line of the log, late or not, went to the dead letters. */
	private static void assertNoDeadLetters(Path out) throws IOException {
		Path deadLetters = out.resolve(JsonLinesOutput.DEAD_LETTERS);
		assertTrue(!Files.exists(deadLetters) || Files.size(deadLetters) == 0, () -> deadLetters + ": " + read(deadLetters));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			return e.toString();
		}
	}

	@Test
	void aRunKilledAndResumedOnTheShuffledLogGivesTheSameResult() throws Exception {
		killAndResume("shuffled");
	}

	@Test
	void aRunKilledAndResumedOnALogShuffledWithinCustomersGivesTheSameResult() throws Exception {
		String log = killAndResume("own-lines-shuffled");
		assertTrue(log.contains("read sorted by customer and time") && log.contains("Resumed after record"), log);
	}

	/** Kills a run of the log {@code order} once it wrote some output, runs it again, and compares with a whole run; returns what both printed. */
	private static String killAndResume(String order) throws Exception {
		Path whole = dir.resolve("whole-" + order);
		InProcessCli.succeedingTranscript("run", JOURNEY.toString(), "--events", logs.get("time-sorted").toString(), "--out", whole.toString(), "--map",
				"type.favourite=-", "--no-progress");
		Path killed = dir.resolve("killed-" + order);
		Process process = process(logs.get(order), killed).start();
		Path changes = killed.resolve(JsonLinesOutput.STAGE_CHANGES);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (process.isAlive() && (!Files.exists(changes) || Files.size(changes) < 20_000) && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertTrue(process.isAlive(), "the run ended before it could be killed");
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
		Process resumed = process(logs.get(order), killed).start();
		assertTrue(resumed.waitFor(120, TimeUnit.SECONDS));
		String log = Files.readString(killed.resolveSibling(killed.getFileName() + ".log"));
		assertEquals(0, resumed.exitValue(), log);
		assertTrue(log.contains("Resumed after"), log);
		Outcome.of(whole).assertSameAs(Outcome.of(killed), "whole", "killed and resumed");
		return log;
	}

	@Test
	void theTaobaoLogAsTheReadmeMapsItGivesTheSameActionsFromRunAndSimulate() throws Exception {
		Path taobao = Path.of("..", "..", "shared", "data", "taobao-user-behavior", "user_behavior.csv");
		assumeTrue(Files.isRegularFile(taobao), taobao + " is absent");
		List<String> mapping = List.of("--columns", "user_id,item_id,category_id,behavior_type,timestamp", "--map",
				"customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,type.fav=favourite,"
						+ "type.cart=cart_add,type.buy=purchase,field.itemId=item_id,field.category=category_id",
				"--no-progress");
		Path journey = Path.of("..", "journeys", "taobao-browse-to-buy.journey");
		Path run = dir.resolve("taobao-run");
		Path simulated = dir.resolve("taobao-simulate");
		List<String> runArgs = new ArrayList<>(List.of("run", journey.toString(), "--events", taobao.toString(), "--out", run.toString()));
		runArgs.addAll(mapping);
		InProcessCli.succeedingTranscript(runArgs.toArray(String[]::new));
		List<String> simulateArgs = new ArrayList<>(
				List.of("simulate", journey.toString(), "--events", taobao.toString(), "--out", simulated.toString()));
		simulateArgs.addAll(mapping);
		InProcessCli.succeedingTranscript(simulateArgs.toArray(String[]::new));
		Outcome fromRun = Outcome.of(run);
		assertTrue(fromRun.actions().size() > 100, "the journey acts on the real log: " + fromRun.actions().size());
		fromRun.assertSameAs(Outcome.of(simulated), "run", "simulate");
	}

	private static ProcessBuilder process(Path log, Path out) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				ItineraCommand.class.getName(), "run", JOURNEY.toString(), "--events", log.toString(), "--out", out.toString(),
				"--workers", "2", "--barrier-lines", "500", "--checkpoint-ms", "0", "--map", "type.favourite=-", "--no-progress")
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".log").toFile()));
	}

	private static Path write(String name, List<String> rows) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add(header);
		lines.addAll(rows);
		return Files.write(dir.resolve(name), lines);
	}

	private static String customer(String row) {
		return row.substring(0, row.indexOf(','));
	}

	private static String time(String row) {
		int start = row.indexOf(',') + 1;
		return row.substring(start, row.indexOf(',', start));
	}

	/** Actions, stage changes and suppressions as sorted lines: the order of lines in a file is not part of the result. */
	record Outcome(List<String> actions, List<String> stageChanges, List<String> suppressions) {
		static Outcome of(Path out) throws IOException {
			return new Outcome(sorted(out.resolve(JsonLinesOutput.ACTIONS)), sorted(out.resolve(JsonLinesOutput.STAGE_CHANGES)),
					sorted(out.resolve(JsonLinesOutput.SUPPRESSIONS)));
		}

		private static List<String> sorted(Path file) throws IOException {
			List<String> lines = new ArrayList<>(Files.readAllLines(file));
			Collections.sort(lines);
			return lines;
		}

		void assertSameAs(Outcome other, String name, String otherName) {
			assertEquals(actions.size(), other.actions.size(), "actions of " + name + " and " + otherName);
			assertEquals(actions, other.actions, "actions of " + name + " and " + otherName);
			assertEquals(stageChanges.size(), other.stageChanges.size(), "stage changes of " + name + " and " + otherName);
			assertEquals(stageChanges, other.stageChanges, "stage changes of " + name + " and " + otherName);
			assertEquals(suppressions, other.suppressions, "suppressions of " + name + " and " + otherName);
		}
	}
}
