package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Split;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split that learns its winner over a plain log (no market): {@code run} with one and two workers and
 * {@code simulate} give the same actions, stage changes, suppressions and {@code split-weights.jsonl}, on the
 * log in time order and on a shuffled copy (both read it sorted by time). A run on the wall clock crosses
 * epochs by the clock. The Flink job refuses such a split with one line naming the split's file and line.
 * ({@code AutoWinnerEveryHostTest}: the live hosts and workspaces.)
 */
class AutoWinnerAgreementTest {
	private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

	@TempDir
	static Path dir;
	private static Path journey;
	private static Path sorted;
	private static Path shuffled;

	@BeforeAll
	static void logs() throws IOException, URISyntaxException {
		journey = Path.of(AutoWinnerAgreementTest.class.getResource("/autowin/plain.journey").toURI());
		Random random = new Random(11);
		List<String[]> rows = new ArrayList<>();
		long day = 24 * 3_600_000L;
		for (int c = 0; c < 3000; c++) {
			long at = START.toEpochMilli() + (long) (random.nextDouble() * 10 * day);
			rows.add(new String[] { Instant.ofEpochMilli(at).toString(), "c" + c, "visit", "" });
			if (random.nextDouble() < 0.15) { // a purchase of the log's, whatever arm the customer got
				long bought = at + 2 * 3_600_000L + (long) (random.nextDouble() * 4 * day);
				rows.add(new String[] { Instant.ofEpochMilli(bought).toString(), "c" + c, "purchase", "" + (10 + random.nextInt(50)) });
			}
		}
		rows.sort((a, b) -> Instant.parse(a[0]).compareTo(Instant.parse(b[0])));
		sorted = write("sorted.csv", rows);
		Collections.shuffle(rows, new Random(3));
		shuffled = write("shuffled.csv", rows);
	}

	private static Path write(String name, List<String[]> rows) throws IOException {
		StringBuilder csv = new StringBuilder("customer,time,type,amount\n");
		for (String[] row : rows) {
			csv.append(row[1]).append(',').append(row[0]).append(',').append(row[2]).append(',').append(row[3]).append('\n');
		}
		Path file = dir.resolve(name);
		Files.writeString(file, csv);
		return file;
	}

	@Test
	void runAndSimulateGiveTheSameActionsStageChangesAndWeightsInAnyOrderOfTheLog() throws IOException {
		Path simulated = dir.resolve("simulated");
		String said = InProcessCli.succeeding("simulate", journey.toString(), "--events", sorted.toString(), "--out",
				simulated.toString(), "--no-progress");
		assertTrue(said.contains("read sorted by time (the journey has a split that learns its winner)"), said);
		LogOrderEquivalenceTest.Outcome expected = LogOrderEquivalenceTest.Outcome.of(simulated);
		byte[] weights = Files.readAllBytes(simulated.resolve(SplitEpochs.FILE));
		List<String> lines = Files.readAllLines(simulated.resolve(SplitEpochs.FILE));
		assertTrue(lines.size() > 60 && expected.actions().size() > 2000, lines.size() + " weight lines, " + expected.actions().size()
				+ " actions");
		assertNotEquals(lines.get(0).replaceAll("\"epochStart\":\"[^\"]*\"", ""),
				lines.get(lines.size() - 3).replaceAll("\"epochStart\":\"[^\"]*\"", ""), "the weights moved");
		assertTrue(lines.get(lines.size() - 1).contains("\"arm\":\"holdout\"") && lines.get(lines.size() - 1).contains("\"weight\":0.1,"),
				"the holdout keeps its share: " + lines.get(lines.size() - 1));

		for (String workers : List.of("1", "2")) {
			for (Path log : List.of(sorted, shuffled)) {
				Path out = dir.resolve("run-" + workers + "-" + log.getFileName());
				InProcessCli.succeeding("run", journey.toString(), "--events", log.toString(), "--out", out.toString(), "--workers",
						workers, "--in-memory", "--no-progress");
				expected.assertSameAs(LogOrderEquivalenceTest.Outcome.of(out), "simulate", out.getFileName().toString());
				assertArrayEquals(weights, Files.readAllBytes(out.resolve(SplitEpochs.FILE)), out + ": " + SplitEpochs.FILE);
			}
		}
		Path fromShuffled = dir.resolve("simulated-shuffled");
		InProcessCli.succeeding("simulate", journey.toString(), "--events", shuffled.toString(), "--out", fromShuffled.toString(),
				"--no-progress");
		expected.assertSameAs(LogOrderEquivalenceTest.Outcome.of(fromShuffled), "simulate", "simulate of the shuffled log");
		assertArrayEquals(weights, Files.readAllBytes(fromShuffled.resolve(SplitEpochs.FILE)));
	}

	@Test
	void explainReplaysACustomerWithTheWeightsTheRunHad() throws IOException {
		Path simulated = dir.resolve("explained");
		InProcessCli.succeeding("simulate", journey.toString(), "--events", shuffled.toString(), "--out", simulated.toString(),
				"--no-progress");
		// customers whose arm the learned weights changed: the starting weights would give them the other mail
		SourceLocation here = new SourceLocation("plain.journey", 27, 3);
		Split mails = new Split("Mails", "Nudged", List.of(new Split.Arm(45, "Short", false, here), new Split.Arm(45, "Long", false, here),
				new Split.Arm(10, null, true, here)), here, new Split.AutoWinner(50, 95, 12 * 3_600_000L));
		int checked = 0;
		for (String action : Files.readAllLines(simulated.resolve("actions.jsonl"))) {
			String customer = action.replaceAll(".*\"customer\":\"([^\"]+)\".*", "$1");
			String campaign = action.replaceAll(".*\"campaign\":\"([^\"]+)\".*", "$1");
			if (checked < 4 && !campaign.equals(SplitAssignment.armOf("AutoPlain", customer, mails, null))) {
				String said = InProcessCli.succeeding("explain", customer, "--out", simulated.toString());
				assertTrue(said.contains("Check: ") && said.contains("send     email " + campaign.toLowerCase(java.util.Locale.ROOT)), said);
				// and why: the arm, with the shares of the epoch's weights, as split-weights.jsonl has them
				String armLine = said.lines().filter(line -> line.contains("arm      split Mails: " + campaign)).findFirst().orElseThrow(
						() -> new AssertionError(said));
				assertTrue(armLine.contains("assigned by the weights of the epoch from "), armLine);
				assertWeightsAsRecorded(armLine, simulated.resolve("split-weights.jsonl"));
				checked++;
			}
		}
		assertEquals(4, checked, "customers whose arm the learning changed");
	}

	/** The shares an explained arm line gives are those split-weights.jsonl has for that epoch. */
	private static void assertWeightsAsRecorded(String armLine, Path weightsFile) throws IOException {
		String epoch = armLine.replaceAll(".*epoch from (\\S+ \\S+):.*", "$1").replace(' ', 'T') + "Z";
		for (String arm : List.of("Short", "Long", "holdout")) {
			String recorded = Files.readAllLines(weightsFile).stream()
					.filter(line -> line.contains("\"epochStart\":\"" + epoch + "\"") && line.contains("\"arm\":\"" + arm + "\""))
					.findFirst().orElseThrow(() -> new AssertionError("no weights of " + arm + " for " + epoch));
			double weight = Double.parseDouble(recorded.replaceAll(".*\"weight\":([0-9.E-]+).*", "$1"));
			assertTrue(armLine.contains(arm + " " + String.format(java.util.Locale.ROOT, "%.1f%%", weight * 100)), armLine + " / " + recorded);
		}
	}

	@Test
	void aWallClockRunCrossesEpochsByTheClockAndRecordsTheWeightsItUsed() throws IOException {
		Path out = dir.resolve("wall");
		long before = System.currentTimeMillis();
		InProcessCli.succeeding("run", journey.toString(), "--events", sorted.toString(), "--out", out.toString(), "--clock", "wall",
				"--in-memory", "--no-progress");
		List<String> lines = Files.readAllLines(out.resolve(SplitEpochs.FILE));
		assertTrue(lines.size() == 3 || lines.size() == 6, "the epoch of the wall clock (every 12 hours; two if the run spanned a"
				+ " boundary), with its starting weights: " + lines);
		long epoch = Instant.parse(lines.get(0).replaceAll(".*\"epochStart\":\"([^\"]+)\".*", "$1")).toEpochMilli();
		assertEquals(Math.floorDiv(before, 12 * 3_600_000L) * 12 * 3_600_000L, epoch, lines.get(0));
	}

	@Test
	void theFlinkJobRefusesTheSplitWithItsFileAndLine() {
		InProcessCli.Result flink = InProcessCli.execute("flink", journey.toString(), "--events", sorted.toString(), "--out",
				dir.resolve("flink").toString(), "--local", "--clock", "wall"); // a replay learns: FlinkAutoWinnerTest
		assertNotEquals(0, flink.exit());
		assertTrue(flink.err().contains("plain.journey:27: split Mails learns its winner (auto winner by goal), which the Flink job"
				+ " over a watched folder or by the wall clock (--clock wall) cannot run yet"), flink.err());
	}
}
