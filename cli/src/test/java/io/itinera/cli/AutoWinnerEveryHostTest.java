package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.io.JsonLinesOutput;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split that learns its winner ({@code auto winner by goal}) on every host ({@link EveryHost}): {@code run},
 * {@code simulate}, the Flink job ({@code --local}), {@code run --kafka} and {@code serve --clock event} give the
 * same actions, stage changes and suppressions, and the same {@code split-weights.jsonl} line for line: the live
 * hosts cross each epoch boundary when their event time passes it, after every input before it. A
 * workspace of two journeys that each learn: {@code run}, {@code simulate} and {@code flink --local} of the folder agree too, and
 * {@code explain} replays a customer of it with each journey's recorded weights.
 */
class AutoWinnerEveryHostTest {
	private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

	@TempDir
	Path dir;

	@RegisterExtension
	static final EveryHost.Broker BROKER = new EveryHost.Broker();

	/** The log of {@code AutoWinnerAgreementTest}, as JSON lines: visits, and purchases of some, over 10 days. */
	static List<String> log(int customers, long seed) {
		Random random = new Random(seed);
		List<String> lines = new ArrayList<>();
		long day = 24 * 3_600_000L;
		for (int c = 0; c < customers; c++) {
			long at = START.toEpochMilli() + (long) (random.nextDouble() * 10 * day);
			lines.add("{\"customer\":\"c" + c + "\",\"time\":\"" + Instant.ofEpochMilli(at) + "\",\"type\":\"visit\"}");
			if (random.nextDouble() < 0.15) {
				long bought = at + 2 * 3_600_000L + (long) (random.nextDouble() * 4 * day);
				lines.add("{\"customer\":\"c" + c + "\",\"time\":\"" + Instant.ofEpochMilli(bought) + "\",\"type\":\"purchase\",\"amount\":"
						+ (10 + random.nextInt(50)) + "}");
			}
		}
		return lines;
	}

	static Path journey() throws URISyntaxException {
		return Path.of(AutoWinnerEveryHostTest.class.getResource("/autowin/plain.journey").toURI());
	}

	@Test
	void everyHostLearnsTheSameWeightsAndSendsTheSameArms() throws Exception {
		EveryHost.Outputs outputs = EveryHost.agree(journey(), log(3000, 11), dir, BROKER.kafka(), new EveryHost.Hosts(true, true));
		List<String> weights = outputs.of("run", SplitEpochs.FILE);
		assertTrue(weights.size() > 30, weights.size() + " weight lines");
		assertNotEquals(weights.get(0).replaceAll("\"epochStart\":\"[^\"]*\"", ""),
				weights.get(weights.size() - 3).replaceAll("\"epochStart\":\"[^\"]*\"", ""), "the weights moved");
	}

	@Test
	void aWorkspaceOfTwoLearningJourneysRunsSimulatesAndRunsOnFlinkAlike() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("workspace"));
		String plain = Files.readString(journey());
		Files.writeString(folder.resolve("a.journey"), plain);
		Files.writeString(folder.resolve("b.journey"), plain.replace("journey AutoPlain ", "journey AutoPlainB ")
				.replace("every 12 hours", "every 1 day"));
		Path events = Files.write(dir.resolve("events.jsonl"), log(2000, 5));
		Path run = dir.resolve("run");
		String ran = InProcessCli.succeeding("run", folder.toString(), "--events", events.toString(), "--out", run.toString(),
				"--no-progress");
		assertTrue(ran.contains("Split Mails (auto winner)"), ran);
		Path simulated = dir.resolve("simulate");
		InProcessCli.succeeding("simulate", folder.toString(), "--events", events.toString(), "--out", simulated.toString(),
				"--no-progress");
		for (String kind : EveryHost.KINDS) {
			assertEquals(sorted(run.resolve(kind)), sorted(simulated.resolve(kind)), kind);
		}
		List<String> weights = Files.readAllLines(run.resolve(SplitEpochs.FILE));
		assertEquals(weights, Files.readAllLines(simulated.resolve(SplitEpochs.FILE)));
		assertTrue(weights.stream().anyMatch(line -> line.contains("\"journey\":\"AutoPlain\""))
				&& weights.stream().anyMatch(line -> line.contains("\"journey\":\"AutoPlainB\"")), "both journeys learn");
		for (String journey : List.of("AutoPlain", "AutoPlainB")) {
			assertTrue(weights.stream().anyMatch(line -> line.contains("\"journey\":\"" + journey + "\"") && !line.contains("\"exposures\":0,")),
					journey + " counts its arms' exposures");
		}
		// the Flink job over the folder, each journey's splits learning on their own: the same lines as run's
		Path flink = dir.resolve("flink");
		InProcessCli.succeeding("flink", folder.toString(), "--events", events.toString(), "--out", flink.toString(), "--local",
				"--parallelism", "2");
		assertEquals(sorted(run.resolve(SplitEpochs.FILE)), EveryHost.partLines(flink.resolve("split-weights")), "flink --local's " + SplitEpochs.FILE);
		Map<String, List<String>> flinkOutputs = EveryHost.readParts(flink);
		for (String kind : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES)) {
			assertEquals(sorted(run.resolve(kind)), flinkOutputs.get(kind), "flink --local's " + kind);
		}
		List<String> actions = Files.readAllLines(run.resolve(JsonLinesOutput.ACTIONS));
		assertTrue(actions.size() > 1000, "the journeys send");
		// explain replays a customer of the workspace with each journey's recorded weights: the check agrees with the run
		String late = actions.stream().filter(line -> EveryHost.field(line, "time").compareTo("2025-03-08") > 0).findFirst().orElseThrow();
		String said = InProcessCli.succeeding("explain", EveryHost.field(late, "customer"), "--state", run.resolve("state").toString());
		assertTrue(said.contains("Check: ") && !said.contains("Check FAILED"), said);
	}

	private static List<String> sorted(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}
}
