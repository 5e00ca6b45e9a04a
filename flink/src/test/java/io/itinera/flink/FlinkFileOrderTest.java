package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.PlanJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log file through the job's own entry point ({@code itinera flink --local} runs it in a child JVM):
 * whatever the order of its lines, and with one line far beyond the rest, the job decides what
 * {@code run} decides on the time-sorted log. A MiniCluster per job, parallelism 2.
 */
class FlinkFileOrderTest {
	private static final Pattern CUSTOMER = Pattern.compile("\"customer\":\"([^\"]+)\"");

	@TempDir
	Path dir;

	@Test
	void customersBlocksAndTheirOwnLinesInAnyOrderGiveWhatRunGivesOnTheSortedLog() throws Exception {
		Path sorted = FlinkFixtures.log(dir, "sorted.jsonl", 6_000, 400, 7);
		Path local = FlinkFixtures.localRun(sorted, dir.resolve("local"));
		List<String> actions = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS));
		List<String> changes = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES));
		assertTrue(actions.size() > 20 && changes.stream().anyMatch(c -> c.contains("\"to\":\"Abandoned\"")), "timers fire");

		for (boolean ownLinesShuffled : new boolean[] { false, true }) {
			String name = ownLinesShuffled ? "lines-shuffled" : "blocks-shuffled";
			Path log = shuffled(sorted, dir.resolve(name + ".jsonl"), ownLinesShuffled);
			Path run = FlinkFixtures.localReplay(log, dir.resolve("run-" + name));
			assertEquals(actions, FlinkFixtures.sorted(run.resolve(JsonLinesOutput.ACTIONS)), "run on the " + name + " log");

			Path flink = dir.resolve("flink-" + name);
			String said = job(log, flink);
			assertTrue(said.contains("not in time order") && said.contains("copy sorted by time"), said);
			assertEquals(actions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION), name);
			assertEquals(changes, FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE), name);
			List<String> deadLetters = FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER);
			assertEquals(FlinkFixtures.sorted(run.resolve(JsonLinesOutput.DEAD_LETTERS)), deadLetters, "no late events: " + name);
			assertEquals(1, deadLetters.size(), deadLetters::toString);
			assertTrue(deadLetters.get(0).contains("\"line\":101,"), "the file's line number: " + deadLetters.get(0));
			assertFalse(Files.exists(flink.resolve(ReplayInput.SORT_FOLDER)), "the sorted copy is removed");
		}
	}

	@Test
	void aLogInOrderIsReadAsItsFirstPassParsedItWithWhatRunGives() throws Exception {
		Path clean = FlinkFixtures.log(dir, "clean.jsonl", 6_000, 400, 7);
		List<String> lines = new ArrayList<>(Files.readAllLines(clean));
		lines.add(100, "{\"customer\": \"c1\", \"time\": \"not a time\", \"type\": \"cart_add\"}");
		Path log = Files.write(dir.resolve("in-order.jsonl"), lines);
		Path run = FlinkFixtures.localReplay(log, dir.resolve("run"));

		Path flink = dir.resolve("flink");
		String said = job(log, flink);
		assertFalse(said.contains("not in time order"), said);
		assertEquals(FlinkFixtures.sorted(run.resolve(JsonLinesOutput.ACTIONS)), FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(FlinkFixtures.sorted(run.resolve(JsonLinesOutput.STAGE_CHANGES)),
				FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
		List<String> deadLetters = FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER);
		assertEquals(FlinkFixtures.sorted(run.resolve(JsonLinesOutput.DEAD_LETTERS)), deadLetters, "the dead letter run writes");
		assertTrue(deadLetters.size() == 1 && deadLetters.get(0).contains("\"line\":101,"), deadLetters::toString);
		assertFalse(Files.exists(flink.resolve(ReplayInput.SORT_FOLDER)), "the parsed log is removed");
	}

	@Test
	void oneLineFarBeyondTheRestChangesNothingElseAndIsADeadLetterAsInRun() throws Exception {
		Path clean = FlinkFixtures.log(dir, "clean.jsonl", 6_000, 400, 7);
		Path local = FlinkFixtures.localRun(clean, dir.resolve("local"));
		List<String> lines = new ArrayList<>(Files.readAllLines(clean));
		Matcher customer = CUSTOMER.matcher(lines.get(0));
		assertTrue(customer.find());
		// a typo month: inside the window of plausible times (the run's start plus a day), months after the rest
		lines.add("{\"customer\":\"" + customer.group(1) + "\",\"time\":\"2026-06-01T00:00:00Z\",\"type\":\"cart_add\","
				+ "\"productId\":\"p1\",\"category\":\"home\",\"price\":9.5}");
		Path typo = Files.write(dir.resolve("typo.jsonl"), lines);
		Path run = FlinkFixtures.localReplay(typo, dir.resolve("run"));

		Path flink = dir.resolve("flink");
		String said = job(typo, flink);
		assertTrue(said.contains("line 6001 (2026-06-01T00:00:00Z)"), "the summary names the line: " + said);
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS)), FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES)),
				FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));
		List<String> deadLetters = FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER);
		assertEquals(1, deadLetters.size(), deadLetters::toString);
		assertTrue(deadLetters.get(0).contains("\"line\":6001") && deadLetters.get(0).contains("more than --max-skew 1d after the rest"),
				deadLetters.get(0));
		assertEquals(FlinkFixtures.sorted(run.resolve(JsonLinesOutput.DEAD_LETTERS)), deadLetters, "the dead letter run writes");
	}

	/** The job as {@code itinera flink --local} starts it; what it printed. */
	private String job(Path log, Path out) throws IOException {
		Path plan = Files.writeString(dir.resolve("plan.json"), PlanJson.write(FlinkFixtures.cartRecovery()));
		List<String> args = new ArrayList<>(List.of("--plan", plan.toString(), "--journey-dir", FlinkFixtures.JOURNEYS.toString(),
				"--events", log.toString(), "--out", out.toString(), "--parallelism", "2", "--checkpoint-ms", "300", "--map",
				FlinkFixtures.MAPPING, "--score-batch", "64", "--score-wait-us", "2000", "--zone", FlinkFixtures.DELIVERY.defaultZone().getId(),
				"--local"));
		for (var cap : FlinkFixtures.DELIVERY.globalCaps()) {
			args.addAll(List.of("--global-cap", DeliveryArguments.cap(cap)));
		}
		ByteArrayOutputStream said = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = JourneyJobRunner.run(args.toArray(String[]::new), new PrintStream(said, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
		return said.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The log with its customers' blocks in a random order, and each customer's own lines shuffled too
	 * when asked; line 101 a dead letter.
	 */
	private static Path shuffled(Path log, Path to, boolean ownLinesShuffled) throws IOException {
		Map<String, List<String>> byCustomer = new LinkedHashMap<>();
		for (String line : Files.readAllLines(log)) {
			Matcher customer = CUSTOMER.matcher(line);
			byCustomer.computeIfAbsent(customer.find() ? customer.group(1) : "", c -> new ArrayList<>()).add(line);
		}
		Random random = new Random(11);
		List<List<String>> blocks = new ArrayList<>(byCustomer.values());
		Collections.shuffle(blocks, random);
		List<String> lines = new ArrayList<>();
		for (List<String> block : blocks) {
			if (ownLinesShuffled) {
				Collections.shuffle(block, random);
			}
			lines.addAll(block);
		}
		lines.add(100, "{\"customer\": \"c1\", \"time\": \"not a time\", \"type\": \"cart_add\"}");
		return Files.write(to, lines);
	}
}
